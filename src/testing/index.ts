/**
 * `user-admin-kit/testing`: the adapter conformance kit. Point it at a fresh backend per check
 * and it proves that your adapter keeps the contract the UI relies on: paging totals, stable
 * sorts, search, filters, lifecycle rules, invitations, error codes and aborts.
 *
 * `vitest` is a peer dependency of this entry only (for {@link describeAdapterConformance});
 * {@link runConformanceChecks} needs no test runner.
 */
import { describe, it } from 'vitest';
import type { ConformanceHarness, ConformanceOptions } from './harness';
import { missingRequirements, selectChecks, type ConformanceCheck } from './checks';

export type { ConformanceHarness, ConformanceOptions } from './harness';
export { conformanceChecks, missingRequirements, selectChecks, type ConformanceCheck, type ConformanceControl, type ConformanceFeature } from './checks';
export { ConformanceError } from './assert';

/**
 * Which checks to run: ids (`sort.name.asc`) or groups (`sort`).
 * @example
 * const selection: ConformanceSelection = { only: ['paging', 'sort'], skip: ['sort.role.desc'] };
 */
export interface ConformanceSelection {
  /** Run only these checks or groups. Defaults to every check. */
  only?: string[];
  /** Leave out these checks or groups (say why in a comment). Defaults to none. */
  skip?: string[];
}

/**
 * Options of {@link describeAdapterConformance}.
 * @example
 * const options: DescribeConformanceOptions = { name: 'my adapter', setup: () => ({ adapter }), timeout: 60_000 };
 */
export interface DescribeConformanceOptions extends ConformanceOptions, ConformanceSelection {
  /** Per-check timeout in ms. Defaults to 30000. */
  timeout?: number;
}

async function runOne(check: ConformanceCheck, h: ConformanceHarness): Promise<void> {
  try {
    await check.run(h);
  } finally {
    await h.cleanup?.();
  }
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
 * `cleanup()` runs after each.
 *
 * @example
 * // adapter.conformance.test.ts, in the host's repository
 * import { describeAdapterConformance } from 'user-admin-kit/testing';
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
 * });
 */
export function describeAdapterConformance(options: DescribeConformanceOptions): void {
  const checks = selectChecks(options);
  describe(options.name, async () => {
    const probe = await options.setup();
    // Controls and optional methods are known now; the backend's features only once it runs
    // (collection must not call it: a test server may start in a beforeAll).
    const missing = new Map(checks.map((c) => [c.id, missingRequirements(c, probe)]));
    await probe.cleanup?.();
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
                const lacks = missingRequirements(check, h, (await h.adapter.getSettings()).features);
                if (lacks.length > 0) {
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
  });
}

/**
 * The outcome of one check.
 * @example
 * const failed = results.filter((r: ConformanceResult) => r.status === 'failed');
 */
export interface ConformanceResult {
  id: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed. */
  error?: unknown;
  /** What the harness lacked, for a skipped check. */
  missing?: string[];
}

/**
 * Runs the checks one after the other without a test runner, a fresh harness each, and
 * reports every outcome (it never throws for a failing check).
 *
 * @example
 * import { runConformanceChecks } from 'user-admin-kit/testing';
 * const results = await runConformanceChecks(() => ({ adapter: createMyAdapter() }), { skip: ['abort'] });
 * for (const r of results.filter((r) => r.status === 'failed')) console.error(r.id, String(r.error));
 * process.exitCode = results.some((r) => r.status === 'failed') ? 1 : 0;
 */
export async function runConformanceChecks(
  setup: ConformanceOptions['setup'],
  selection: ConformanceSelection = {},
): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = [];
  for (const check of selectChecks(selection)) {
    const h = await setup();
    const missing = missingRequirements(check, h, (await h.adapter.getSettings()).features);
    if (missing.length > 0) {
      await h.cleanup?.();
      results.push({ id: check.id, title: check.title, status: 'skipped', missing });
      continue;
    }
    try {
      await runOne(check, h);
      results.push({ id: check.id, title: check.title, status: 'passed' });
    } catch (error) {
      results.push({ id: check.id, title: check.title, status: 'failed', error });
    }
  }
  return results;
}
