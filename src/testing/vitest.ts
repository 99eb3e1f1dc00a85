/**
 * `user-admin-kit/testing/vitest`: the conformance checks as vitest tests
 * ({@link describeAdapterConformance}). `vitest` is a peer dependency of this entry only;
 * `user-admin-kit/testing` runs the same checks without a test runner.
 *
 * Every name is listed here, by hand (docs/api.md); etc/api/testing-vitest.api.md is its report.
 */
import { describe, it } from 'vitest';
import { ConformanceError } from './assert';
import type { ConformanceOptions } from './harness';
import { detectFeatures, missingRequirements, selectChecks, type ConformanceCheck } from './checks';
import { runOne, skipDifferences, skippedBySelection, type ConformanceSelection, type ExpectedSkips } from './run';

/**
 * Options of {@link describeAdapterConformance}.
 * @example
 * const options: DescribeConformanceOptions = { name: 'my adapter', setup: () => ({ adapter }), timeout: 60_000, expectedSkips: {} };
 */
export interface DescribeConformanceOptions extends ConformanceOptions, ConformanceSelection {
  /** Per-check timeout in ms. Defaults to 30000. */
  timeout?: number;
  /**
   * Exactly the checks skipped on this backend, each with why (see {@link ExpectedSkips}). A final
   * test, "skips exactly the declared checks", fails when the checks skipped differ, listing the
   * differences both ways, so a harness that loses a control (or a backend that loses a feature)
   * fails instead of silently running fewer checks. Ids outside `only` are ignored. Defaults to
   * `{}`: nothing may be skipped.
   */
  expectedSkips?: ExpectedSkips;
}

function testTitle(check: ConformanceCheck, missing: string[] = []): string {
  const base = `${check.title} [${check.id}]`;
  return missing.length ? `${base} (skipped: needs ${missing.join(', ')})` : base;
}

/**
 * Registers the conformance checks as vitest tests: one `describe(options.name)`, a nested
 * `describe` per group and one `it` per check. `setup()` is called once while collecting (to
 * learn which controls and optional methods the harness has; checks needing a missing one are
 * registered with `it.skip`, their title naming it; a check for a feature the backend declares
 * `false` in `settings.features` skips itself when it runs, saying which) and then once, fresh, before every check;
 * `cleanup()` runs after each. A last test, "skips exactly the declared checks", compares the
 * checks skipped (for any of those reasons, or left out by `skip`) with `expectedSkips` (default
 * `{}`) and fails listing the differences both ways. Run the file's tests in order (vitest's
 * default; no `sequence.shuffle`, no concurrent tests), since the last test reads what the
 * checks before it skipped.
 *
 * @example
 * // adapter.conformance.test.ts, in the host's repository
 * import { describeAdapterConformance } from 'user-admin-kit/testing/vitest';
 * import { createMyAdapter } from '../src/userAdminAdapter';
 * import { startTestBackend } from './backend';
 *
 * describeAdapterConformance({
 *   name: 'my REST adapter',
 *   async setup() {
 *     const backend = await startTestBackend({ seedUsers: 30 });   // fresh database per check
 *     return {
 *       adapter: createMyAdapter({ baseUrl: backend.url }),
 *       advanceTime: (ms) => backend.clock.advance(ms),           // enables invitation expiry
 *       setSsoEnforced: (on) => backend.settings.set({ ssoEnforced: on }),
 *       failNext: (code) => backend.faults.failNext(code),         // enables the error-code checks
 *       setLatency: (ms) => backend.faults.setLatency(ms),         // enables abort in flight
 *       disallowedDomainEmail: 'someone@not-our-company.test',
 *       cleanup: () => backend.stop(),
 *     };
 *   },
 *   skip: ['counts'], // getUserCounts is approximate in our backend (ticket #123)
 *   expectedSkips: {
 *     'counts.agree': 'left out with skip: getUserCounts is approximate in our backend (ticket #123)',
 *     'errors.network': 'no failNext control: the test backend cannot drop connections',
 *     'scope.grant-outside': 'features.adminScope false: every admin administers every entity',
 *   },
 * });
 */
export function describeAdapterConformance(options: DescribeConformanceOptions): void {
  const checks = selectChecks(options);
  const selectable = new Set(selectChecks({ only: options.only }).map((c) => c.id));
  // Every check skipped, with why: filled while collecting (selection, controls, methods) and
  // while running (features), read by the last test.
  const skipped = skippedBySelection(options);
  describe(options.name, async () => {
    const probe = await options.setup();
    // Controls and optional methods are known now; the backend's features only once it runs
    // (collection must not call it: a test server may start in a beforeAll).
    const missing = new Map(checks.map((c) => [c.id, missingRequirements(c, probe)]));
    await probe.cleanup?.();
    for (const [id, lacks] of missing) if (lacks.length > 0) skipped.set(id, `needs ${lacks.join(', ')}`);
    const groups = [...new Set(checks.map((c) => c.group))];
    for (const group of groups) {
      describe(group, () => {
        for (const check of checks.filter((c) => c.group === group)) {
          const lacks = missing.get(check.id) ?? [];
          if (lacks.length > 0) {
            it.skip(testTitle(check, lacks), () => {});
          } else {
            it(testTitle(check), async (context) => {
              const h = await options.setup();
              if (check.features?.length) {
                const lacks = missingRequirements(check, h, await detectFeatures(h.adapter, check));
                if (lacks.length > 0) {
                  skipped.set(check.id, `needs ${lacks.join(', ')}`);
                  await h.cleanup?.();
                  context.skip(`needs ${lacks.join(', ')}`);
                }
              }
              await runOne(check, h);
            }, options.timeout ?? 30_000);
          }
        }
      });
    }
    it('skips exactly the declared checks', () => {
      const problem = skipDifferences(skipped, options.expectedSkips ?? {}, selectable);
      if (problem) throw new ConformanceError(problem);
    });
  });
}
