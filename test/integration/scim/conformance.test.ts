/**
 * The SCIM adapter against the conformance kit, over a real SCIM provider (scimmy + scimmy-routers
 * on express 4) started fresh and seeded for every check: once with everything advertised
 * (filter, sort, bulk), once with a minimal provider (no sort, no bulk, filter with `eq` only) so
 * the in-memory fallbacks are held to the same contract.
 */
import { describeAdapterConformance } from '../../../src/testing';
import { createScimHarness } from './harness';

describeAdapterConformance({
  name: 'SCIM adapter (filter, sort, bulk)',
  setup: () => createScimHarness(),
});

describeAdapterConformance({
  name: 'SCIM adapter (minimal provider: no sort, no bulk, eq filters only)',
  setup: () => createScimHarness({ sort: false, bulk: false, filterOperators: ['eq'] }),
});
