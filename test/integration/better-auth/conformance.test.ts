/**
 * The better-auth adapter against the conformance kit, over a real better-auth server (memory
 * database) freshly seeded for every check. The contact checks skip themselves (the adapter
 * declares `features.contacts: false`); the email-change check runs its immediate branch
 * (`features.emailChangeConfirmation: false`); bulk and diagnostics are skipped as the adapter
 * leaves those optional methods out (better-auth has no bulk routes and no sign-in failure log).
 */
import { describeAdapterConformance } from '../../../src/testing';
import { createBetterAuthHarness } from './harness';

describeAdapterConformance({
  name: 'better-auth adapter',
  setup: () => createBetterAuthHarness({}, { withDisallowedDomainMember: true }),
  timeout: 60_000,
});
