/**
 * The fault soak (test/soak/driver.ts) on a real SCIM provider (scimmy, 127.0.0.1) with /Bulk and
 * ETags: the SCIM adapter's fetch behind the soak's fault layer, per-user write failures from the
 * provider's fault layer (alone or inside a /Bulk request), and a second adapter without faults
 * reading the truth.
 */
import { scimSeedReference } from '../../../servers/scim';
import { connectScimAdapter } from '../../../src/adapters/scim';
import { createFaultyFetch } from '../../soak/faults';
import { recordReport, runSoak, soakOptions } from '../../soak/driver';
import { ALLOWED_DOMAINS, createScimHarness } from './harness';

test('soak: SCIM backend, random actions with faults, 0 divergences', async () => {
  const wire = createFaultyFetch();
  const harness = await createScimHarness({}, { fetch: wire.fetch });
  try {
    const { entities, modules } = scimSeedReference();
    const truth = await connectScimAdapter({ baseUrl: harness.server.url, token: harness.server.token, entities, modules, allowedDomains: ALLOWED_DOMAINS });
    const report = await runSoak(
      { name: 'scim', adapter: harness.adapter, faults: wire, truth, failWriteOf: harness.failWriteOf!.bind(harness) },
      soakOptions(300, 5),
    );
    await recordReport(report);
    expect(report.operations).toBeGreaterThanOrEqual(300);
    expect(report.faultsInjected).toBeGreaterThan(0);
    expect(report.divergences).toEqual([]);
  } finally {
    await harness.cleanup?.();
  }
}, 300_000);
