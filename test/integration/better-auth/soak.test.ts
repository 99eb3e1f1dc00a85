/**
 * The fault soak (test/soak/driver.ts) on a real better-auth server (memory database, 127.0.0.1):
 * the better-auth adapter's fetch behind the soak's fault layer (its undo steps meet the faults
 * too), and a second adapter without faults or cache reading the truth. better-auth has no
 * versions, so the driver's stale-write action finds no user to run on; no bulk routes, so bulk
 * actions loop over single calls.
 */
import { createBetterAuthAdapter } from '../../../src/adapters/better-auth';
import { createFaultyFetch } from '../../soak/faults';
import { recordReport, runSoak, soakOptions } from '../../soak/driver';
import { createBetterAuthHarness } from './harness';

test('soak: better-auth backend, random actions with faults, 0 divergences', async () => {
  const wire = createFaultyFetch();
  const harness = await createBetterAuthHarness({ fetch: wire.fetch });
  try {
    const { fetch: _faulty, ...options } = harness.options;
    const truth = createBetterAuthAdapter({ ...options, cacheMs: 0 });
    const report = await runSoak({ name: 'better-auth', adapter: harness.adapter, faults: wire, truth }, soakOptions(250, 3));
    await recordReport(report);
    expect(report.operations).toBeGreaterThanOrEqual(250);
    expect(report.faultsInjected).toBeGreaterThan(0);
    expect(report.divergences).toEqual([]);
  } finally {
    await harness.cleanup?.();
  }
}, 600_000);
