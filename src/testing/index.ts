/**
 * `user-admin-kit/testing`: the adapter conformance kit. Point it at a fresh backend per check
 * and it proves that your adapter keeps the contract the UI relies on: paging totals, stable
 * sorts, search, filters, lifecycle rules, invitations, error codes and aborts.
 *
 * No test runner is needed: {@link runConformanceChecks} runs the checks one after the other.
 * `user-admin-kit/testing/vitest` registers them as vitest tests (`describeAdapterConformance`);
 * `vitest` is a peer dependency of that entry only.
 *
 * Every name is listed here, by hand (docs/api.md); etc/api/testing.api.md is its report.
 */

// Running the checks, and comparing the checks skipped with the ones declared.
export { runConformanceChecks, skipDifferences, EXPECTED_SKIPS_RESULT_ID } from './run';
export type { ConformanceResult, RunConformanceOptions, ConformanceSelection, ExpectedSkips } from './run';

// The checks and the harness a backend provides.
export { conformanceChecks, selectChecks } from './checks';
export type { ConformanceCheck, ConformanceControl, ConformanceFeature, BackendFeatures } from './checks';
export type { ConformanceHarness, ConformanceOptions } from './harness';

// A failed check.
export { ConformanceError } from './assert';
