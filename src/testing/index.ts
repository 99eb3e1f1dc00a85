/**
 * `user-admin-kit/testing`: the adapter conformance kit. Point it at a fresh backend per check
 * and it proves that your adapter keeps the contract the UI relies on: paging totals, stable
 * sorts, search, filters, lifecycle rules, invitations, error codes and aborts.
 *
 * `vitest` is a peer dependency of this entry only (for {@link describeAdapterConformance});
 * {@link runConformanceChecks} needs no test runner.
 */
import { describe, it } from 'vitest';
import { ConformanceError } from './assert';
import type { ConformanceHarness, ConformanceOptions } from './harness';
import { conformanceChecks, detectFeatures, missingRequirements, selectChecks, type ConformanceCheck } from './checks';

export type { ConformanceHarness, ConformanceOptions } from './harness';
export {
  conformanceChecks, detectFeatures, missingRequirements, selectChecks, type BackendFeatures, type ConformanceCheck, type ConformanceControl,
  type ConformanceFeature,
} from './checks';
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
 * The checks a harness expects to be skipped on its backend: check id → the documented reason
 * (a ticket, a limitation of the backend). A check counts as skipped when the harness lacks a
 * control it needs, the adapter lacks the optional method it exercises, `skip` leaves it out, or
 * the backend declares its feature `false` in `settings.features` (or, for `versions`, its users
 * carry no `version`: see `detectFeatures`).
 * @example
 * const expectedSkips: ExpectedSkips = {
 *   'counts.agree': 'getUserCounts is approximate on our backend (ticket #123)',
 *   'scope.grant-outside': 'our backend has no per-user admin scope (features.adminScope false)',
 * };
 */
export type ExpectedSkips = Record<string, string>;

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

/**
 * How the checks skipped differ from the ones declared: `null` when they are the same, else a
 * message listing, both ways, what was skipped without being declared (and why it was skipped)
 * and what was declared but not skipped (and the declared reason). Declared ids outside
 * `selectable` (not chosen by `only`) are ignored; ids of no check, or declared without a reason,
 * are reported.
 * @example
 * const problem = skipDifferences(new Map([['abort.in-flight', 'needs setLatency']]), {}, new Set(['abort.in-flight']));
 * // "skipped but not declared in expectedSkips: abort.in-flight (needs setLatency)"
 */
export function skipDifferences(skipped: ReadonlyMap<string, string>, expected: ExpectedSkips, selectable: ReadonlySet<string>): string | null {
  const known = new Set(conformanceChecks.map((c) => c.id));
  const lines: string[] = [];
  const undeclared = [...skipped].filter(([id]) => !Object.prototype.hasOwnProperty.call(expected, id));
  if (undeclared.length > 0) lines.push(`skipped but not declared in expectedSkips: ${undeclared.map(([id, why]) => `${id} (${why})`).join('; ')}`);
  const entries = Object.entries(expected);
  const unknown = entries.filter(([id]) => !known.has(id));
  if (unknown.length > 0) lines.push(`declared in expectedSkips but no check has this id: ${unknown.map(([id]) => id).join(', ')}`);
  const ran = entries.filter(([id]) => known.has(id) && selectable.has(id) && !skipped.has(id));
  if (ran.length > 0) lines.push(`declared in expectedSkips but not skipped: ${ran.map(([id, why]) => `${id} (declared: ${JSON.stringify(why)})`).join('; ')}`);
  const bare = entries.filter(([id, why]) => known.has(id) && (typeof why !== 'string' || why.trim() === ''));
  if (bare.length > 0) lines.push(`declared in expectedSkips without a reason: ${bare.map(([id]) => id).join(', ')}`);
  return lines.length > 0 ? lines.join('\n') : null;
}

/** The checks `only` selects that `skip` leaves out, with why. */
function skippedBySelection(selection: ConformanceSelection): Map<string, string> {
  const kept = new Set(selectChecks(selection).map((c) => c.id));
  return new Map(selectChecks({ only: selection.only }).filter((c) => !kept.has(c.id)).map((c) => [c.id, 'left out by skip']));
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
 * `cleanup()` runs after each. A last test, "skips exactly the declared checks", compares the
 * checks skipped (for any of those reasons, or left out by `skip`) with `expectedSkips` (default
 * `{}`) and fails listing the differences both ways. Run the file's tests in order (vitest's
 * default; no `sequence.shuffle`, no concurrent tests), since the last test reads what the
 * checks before it skipped.
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
 * Options of {@link runConformanceChecks}: the selection, and optionally the skips to expect.
 * @example
 * const options: RunConformanceOptions = { skip: ['abort'], expectedSkips: { 'abort.pre-aborted': 'left out with skip', 'abort.in-flight': 'left out with skip' } };
 */
export interface RunConformanceOptions extends ConformanceSelection {
  /**
   * When given, a last result of id {@link EXPECTED_SKIPS_RESULT_ID} says whether the checks
   * skipped (for a missing control, optional method or feature, or left out by `skip`) are exactly
   * these, failing with the differences both ways (see {@link skipDifferences}). Defaults to no
   * such result.
   */
  expectedSkips?: ExpectedSkips;
}

/** The id of the result {@link runConformanceChecks} adds when given `expectedSkips`. */
export const EXPECTED_SKIPS_RESULT_ID = 'kit.expected-skips';

/**
 * Runs the checks one after the other without a test runner, a fresh harness each, and
 * reports every outcome (it never throws for a failing check). Given `expectedSkips`, it ends
 * with a result `kit.expected-skips` that fails when the checks skipped are not exactly those
 * (as the last test of {@link describeAdapterConformance} does).
 *
 * @example
 * import { runConformanceChecks } from 'user-admin-kit/testing';
 * const results = await runConformanceChecks(() => ({ adapter: createMyAdapter() }), {
 *   skip: ['abort'],
 *   expectedSkips: { 'abort.pre-aborted': 'left out with skip', 'abort.in-flight': 'left out with skip' },
 * });
 * for (const r of results.filter((r) => r.status === 'failed')) console.error(r.id, String(r.error));
 * process.exitCode = results.some((r) => r.status === 'failed') ? 1 : 0;
 */
export async function runConformanceChecks(
  setup: ConformanceOptions['setup'],
  selection: RunConformanceOptions = {},
): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = [];
  const skipped = skippedBySelection(selection);
  for (const check of selectChecks(selection)) {
    const h = await setup();
    const missing = missingRequirements(check, h, await detectFeatures(h.adapter, check));
    if (missing.length > 0) {
      await h.cleanup?.();
      results.push({ id: check.id, title: check.title, status: 'skipped', missing });
      skipped.set(check.id, `needs ${missing.join(', ')}`);
      continue;
    }
    try {
      await runOne(check, h);
      results.push({ id: check.id, title: check.title, status: 'passed' });
    } catch (error) {
      results.push({ id: check.id, title: check.title, status: 'failed', error });
    }
  }
  if (selection.expectedSkips) {
    const selectable = new Set(selectChecks({ only: selection.only }).map((c) => c.id));
    const problem = skipDifferences(skipped, selection.expectedSkips, selectable);
    const title = 'skips exactly the declared checks';
    results.push(problem ? { id: EXPECTED_SKIPS_RESULT_ID, title, status: 'failed', error: new ConformanceError(problem) } : { id: EXPECTED_SKIPS_RESULT_ID, title, status: 'passed' });
  }
  return results;
}
