import type { UserAdminAdapter } from '../contract/types';
import type { UserAdminErrorCode } from '../contract/errors';

/**
 * What a host hands the conformance kit for one fresh backend. Only `adapter` is required;
 * each optional control enables the checks that need it (the others are reported as skipped).
 *
 * The backend must start with: a current user who is an admin (from `getSettings`), at least
 * one admin role and one non-admin role, at least one admin-only module, at least two entities
 * (two siblings, such as two companies of a group, for the `scope.*` checks), and at least 25
 * users. Checks create what else they need through the adapter.
 *
 * @example
 * const store = createMockStore();
 * const harness: ConformanceHarness = {
 *   adapter: createMemoryAdapter(store),
 *   advanceTime: (ms) => store.clock.advance(ms),
 * };
 */
export interface ConformanceHarness {
  adapter: UserAdminAdapter;
  /** Moves the backend's clock forward; enables the invitation-expiry checks. */
  advanceTime?(ms: number): void | Promise<void>;
  /** Turns SSO enforcement on or off; enables the `sso_enforced` checks. */
  setSsoEnforced?(enforced: boolean): void | Promise<void>;
  /** Makes the next adapter call fail with this code; enables the error-code checks. */
  failNext?(code: UserAdminErrorCode): void | Promise<void>;
  /**
   * The backend's next attempt to invite this address fails (a server error), while the other
   * addresses of the same `inviteUsers` call go through; enables the partial-failure check.
   */
  failInvite?(email: string): void | Promise<void>;
  /**
   * The backend's next write to this user fails with a server error (it changes nothing for them),
   * while the other items of a bulk call (`setUsersStatus`, `removeUsers`) go through; enables the
   * `bulk.per-item-truth` check.
   */
  failWriteOf?(userId: string): void | Promise<void>;
  /** Delays every call by this many ms until called again with 0; enables the abort-in-flight check. */
  setLatency?(ms: number): void | Promise<void>;
  /** An address whose domain the backend treats as disposable. Defaults to `someone@mailinator.com`. */
  disposableEmail?: string;
  /** An address whose domain the backend refuses; enables the `domain_not_allowed` check. */
  disallowedDomainEmail?: string;
  /**
   * A domain the backend accepts for new users' addresses. Defaults to the domain of the current
   * user's email (from `getSettings` and `getUser`).
   */
  emailDomain?: string;
  /**
   * A non-admin role `updateRole` may change (a backend may refuse to edit some roles, such as
   * better-auth's static ones). Defaults to the first non-admin role `listRoles` gives.
   */
  editableRoleId?: string;
  /**
   * Signs this user in (accepting their invitation first if it is pending) and returns an adapter
   * acting as them, over the same backend. The kit creates an admin limited to some entities
   * through `adapter`, then acts as them; enables the `scope.*` checks. `adapter` must keep acting
   * as the current admin meanwhile. The kit also calls it to sign in users it created (so they are
   * `active`), and `protections.self-demote` to make a second active admin when none is seeded.
   */
  actAs?(userId: string): UserAdminAdapter | Promise<UserAdminAdapter>;
  /**
   * The address of an existing member (active or deactivated, not invited) whose domain the backend
   * refuses for new users (a domain taken off the allowed list after they joined); enables the
   * `invitations.classification-order` check, which expects `already_member` for it, not
   * `domain_not_allowed`.
   */
  disallowedDomainMemberEmail?: string;
  /** Called after the checks that used this harness. */
  cleanup?(): void | Promise<void>;
}

/**
 * What the conformance kit needs from a host: a name and a fresh backend per check.
 * @example
 * const options: ConformanceOptions = { name: 'REST adapter', setup: () => ({ adapter: createRestAdapter({ baseUrl }) }) };
 */
export interface ConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /** Called before each check: return a fresh backend, so checks do not see each other's writes. */
  setup(): ConformanceHarness | Promise<ConformanceHarness>;
}
