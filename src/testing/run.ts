/**
 * The conformance kit's runner-free part: selecting checks, running them one after the other
 * without a test runner ({@link runConformanceChecks}), comparing the checks skipped with the ones
 * declared. `./vitest.ts` registers the same checks as vitest tests.
 */
import { ConformanceError } from './assert';
import type { ConformanceHarness, ConformanceOptions } from './harness';
import { conformanceChecks, detectFeatures, missingRequirements, selectChecks, type ConformanceCheck } from './checks';

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
export function skippedBySelection(selection: ConformanceSelection): Map<string, string> {
  const kept = new Set(selectChecks(selection).map((c) => c.id));
  return new Map(selectChecks({ only: selection.only }).filter((c) => !kept.has(c.id)).map((c) => [c.id, 'left out by skip']));
}

/** Runs one check on its harness, then the harness's `cleanup`. */
export async function runOne(check: ConformanceCheck, h: ConformanceHarness): Promise<void> {
  try {
    await check.run(h);
  } finally {
    await h.cleanup?.();
  }
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
 * (as the last test of `describeAdapterConformance`, in `user-admin-kit/testing/vitest`, does).
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
