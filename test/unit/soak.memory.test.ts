/**
 * The fault soak (test/soak/driver.ts) on the memory backend: the reference store, its adapter
 * behind the soak's fault layer, and per-user write failures from the store's fault injector.
 */
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { createFaultyAdapter } from '../soak/faults';
import { recordReport, runSoak, soakOptions } from '../soak/driver';

const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk'];

test('soak: memory backend, random actions with faults, 0 divergences', async () => {
  const store = createMockStore({ userCount: 40, allowedDomains: ALLOWED_DOMAINS });
  const faults = createFaultInjector();
  const layer = createFaultyAdapter(createMemoryAdapter(store, { faults, latencyMs: 3 }));
  const report = await runSoak(
    { name: 'memory', adapter: layer.adapter, faults: layer, truth: createMemoryAdapter(store), failWriteOf: (id) => faults.failWriteOf(id) },
    soakOptions(400, 12),
  );
  await recordReport(report);
  expect(report.operations).toBeGreaterThanOrEqual(400);
  expect(report.faultsInjected).toBeGreaterThan(0);
  expect(report.divergences).toEqual([]);
}, 120_000);
