/**
 * The reference backend (the memory adapter over the mock store) against the conformance kit,
 * under both invitation-expiry policies.
 */
import { describeAdapterConformance } from '../../src/testing/vitest';
import { createMockBackendHarness } from '../utils/mock-harness';

// The reference backend has every control and feature: nothing may be skipped.
describeAdapterConformance({ name: 'memory adapter (invitations expire)', setup: () => createMockBackendHarness(), expectedSkips: {} });

describeAdapterConformance({
  name: 'memory adapter (expired invitations deactivate)',
  setup: () => createMockBackendHarness({ invitation: { ttlDays: 30, onExpiry: 'deactivate' } }),
  expectedSkips: {},
});
