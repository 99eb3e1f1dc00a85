/**
 * A fresh reference backend plus the conformance controls over it, shared by the conformance runs
 * (memory adapter directly, and REST adapter over MSW).
 */
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import type { MockStore } from '../../mocks';
import type { ConformanceHarness } from '../../src/testing';

/** The fixture users' domains, plus the disposable one so the `disposable` check (applied after the domain check) is reached. */
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

/** A member who joined before their domain was taken off the allowed list (not in {@link ALLOWED_DOMAINS}); named to sort last, so checks that take the first user by name do not pick them. */
const LEGACY_MEMBER = { email: 'old.member@acme-legacy.test', firstName: 'Olivier', lastName: 'Zylberstein' };

type StoreSettings = NonNullable<Parameters<typeof createMockStore>[0]>['settings'];

/** The harness plus the store behind it, so a run over another transport can serve a view acting as another user. */
export interface MockBackendHarness extends ConformanceHarness {
  store: MockStore;
  /** Accepts the user's pending invitation (they sign in), then returns the store acting as them. */
  viewAs(userId: string): MockStore;
}

export function createMockBackendHarness(settings?: StoreSettings): MockBackendHarness {
  const store = createMockStore({
    userCount: 40,
    allowedDomains: ALLOWED_DOMAINS,
    seedMembers: [LEGACY_MEMBER],
    ...(settings ? { settings } : {}),
  });
  const faults = createFaultInjector();
  const viewAs = (userId: string): MockStore => {
    const invitation = store.getUser({ id: userId }).invitation;
    if (invitation?.kind === 'invitation' && invitation.status === 'pending') store.acceptInvitation({ id: invitation.id });
    return store.as(userId);
  };
  return {
    store,
    viewAs,
    adapter: createMemoryAdapter(store, { faults }),
    advanceTime: (ms) => store.clock.advance(ms),
    setSsoEnforced: (enforced) => {
      store.updateSettings({ sso: { enforced, providerName: enforced ? 'Okta' : null } });
    },
    failNext: (code) => faults.failNext(code),
    failInvite: (email) => faults.failInvitesTo([email]),
    failWriteOf: (userId) => faults.failWriteOf(userId),
    setLatency: (ms) => faults.setLatency(ms),
    actAs: (userId) => createMemoryAdapter(viewAs(userId)),
    disallowedDomainEmail: 'someone@not-acme.test',
    disallowedDomainMemberEmail: LEGACY_MEMBER.email,
  };
}
