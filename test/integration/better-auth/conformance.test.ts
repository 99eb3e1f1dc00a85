/**
 * The better-auth adapter against the conformance kit, over a real better-auth server (memory
 * database) freshly seeded for every check, plus a member whose domain is not an allowed one (for
 * `invitations.classification-order`). The email-change check runs its immediate branch
 * (`features.emailChangeConfirmation: false`). `expectedSkips` lists exactly the checks that do
 * not run here, and why; the run fails if any other is skipped.
 */
import { describeAdapterConformance } from '../../../src/testing/vitest';
import { createBetterAuthHarness } from './harness';

const NO_ADMIN_SCOPE = 'better-auth has no per-user admin scope (features.adminScope false)';

describeAdapterConformance({
  name: 'better-auth adapter',
  setup: () => createBetterAuthHarness({}, { withDisallowedDomainMember: true }),
  timeout: 60_000,
  expectedSkips: {
    // No actAs in the harness: with no per-user scope an admin administers every organization, so
    // acting as a scoped admin has nothing to test.
    'scope.grant-outside': NO_ADMIN_SCOPE,
    'scope.broader-admin': NO_ADMIN_SCOPE,
    'scope.act-on-outside-user': NO_ADMIN_SCOPE,
    'scope.widen-own': NO_ADMIN_SCOPE,
    'users.create-contact': 'better-auth has no contacts: every user signs in (features.contacts false)',
    'users.email-change-contact': 'better-auth has no contacts: every user signs in (features.contacts false)',
    'bulk.status': 'better-auth has no bulk routes: the adapter leaves setUsersStatus out and the hooks loop over setUserStatus',
    'bulk.remove': 'better-auth has no bulk routes: the adapter leaves removeUsers out and the hooks loop over removeUser',
    'diagnostics.shape': 'better-auth keeps no sign-in failure log: the adapter leaves getAccessDiagnostics out',
    'bulk.per-item-truth': 'better-auth has no bulk routes: the adapter leaves removeUsers out (each single call answers for its own user)',
    'password-reset.refuses-contact': 'better-auth has no contacts: every user signs in (features.contacts false)',
    'password-reset.outside-scope': NO_ADMIN_SCOPE,
    'concurrency.stale-write': 'better-auth has no versions: users carry no version, expectedVersion is ignored and writes are last-write-wins (docs/adapters/better-auth.md, "Concurrent edits")',
  },
});
