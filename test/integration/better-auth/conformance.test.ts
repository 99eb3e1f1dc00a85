/**
 * The better-auth adapter against the conformance kit, over a real better-auth server (memory
 * database) freshly seeded for every check. Checks of contacts and of a registration request are
 * skipped by the kit itself: the adapter declares `features.contacts: false` and
 * `features.emailChangeConfirmation: false`.
 */
import { describeAdapterConformance } from '../../../src/testing';
import { createBetterAuthHarness } from './harness';

describeAdapterConformance({
  name: 'better-auth adapter',
  setup: () => createBetterAuthHarness(),
  timeout: 60_000,
});
