/**
 * The password-reset checks of the conformance kit can fail: each deliberately broken
 * `sendPasswordReset` (a wrapper over the reference backend) must fail its check, the unbroken
 * backend passes them all, and an adapter without the method skips them, naming it.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createMemoryAdapter } from '../../mocks';
import type { UserAdminAdapter } from '../../src/contract/types';
import { ConformanceError, EXPECTED_SKIPS_RESULT_ID, runConformanceChecks, type ConformanceHarness } from '../../src/testing';
import { createMockBackendHarness } from '../utils/mock-harness';

const CHECKS = [
  'password-reset.sends', 'password-reset.refuses-invited', 'password-reset.refuses-deactivated', 'password-reset.refuses-contact',
  'password-reset.sso', 'password-reset.outside-scope',
];

type Break = (backend: ReturnType<typeof createMockBackendHarness>, adapter: UserAdminAdapter) => Partial<UserAdminAdapter>;

/** The reference backend with every control, its `sendPasswordReset` (main and acting adapters) replaced by `broken`. */
function harness(broken?: Break, scopedBroken?: Break): () => ConformanceHarness {
  return () => {
    const backend = createMockBackendHarness();
    const { store: _s, viewAs, ...h } = backend;
    return {
      ...h,
      adapter: broken ? { ...h.adapter, ...broken(backend, h.adapter) } : h.adapter,
      actAs: (userId) => {
        const as = createMemoryAdapter(viewAs(userId));
        return scopedBroken ? { ...as, ...scopedBroken(backend, as) } : as;
      },
    };
  };
}

/** Answers a reset for anyone: an active login user through the backend, anyone else without asking it (nothing refuses). */
const sendsToAnyone: Break = ({ store }, adapter) => ({
  sendPasswordReset: async ({ id }) => {
    const user = store.getUser({ id });
    if (user.status === 'active' && user.kind === 'login') return adapter.sendPasswordReset!({ id });
    return { sentTo: user.email, expiresAt: null };
  },
});

const broken: Record<string, { check: string; make: () => () => ConformanceHarness; says: RegExp }> = {
  'a reset answered to another address': {
    check: 'password-reset.sends',
    make: () => harness((_b, adapter) => ({ sendPasswordReset: async (p) => ({ ...(await adapter.sendPasswordReset!(p)), sentTo: 'someone.else@acme.fr' }) })),
    says: /sendPasswordReset\(\{ id: '[^']+' \}\) \(an active login user\): expected sentTo '[^']+' \(the user's address\)/,
  },
  'a reset that deactivates the user': {
    check: 'password-reset.sends',
    make: () => harness((_b, adapter) => ({
      sendPasswordReset: async (p) => {
        const result = await adapter.sendPasswordReset!(p);
        await adapter.setUserStatus({ id: p.id, status: 'deactivated' });
        return result;
      },
    })),
    says: /after sendPasswordReset.*unchanged/,
  },
  'a reset sent to an invited user': {
    check: 'password-reset.refuses-invited',
    make: () => harness(sendsToAnyone),
    says: /\(invited\): expected a rejection: .*reason 'password_reset_not_applicable'/,
  },
  'a reset sent to a deactivated user': {
    check: 'password-reset.refuses-deactivated',
    make: () => harness(sendsToAnyone),
    says: /\(deactivated\): expected a rejection/,
  },
  'a reset sent to a contact': {
    check: 'password-reset.refuses-contact',
    make: () => harness(sendsToAnyone),
    says: /\(a contact\): expected a rejection/,
  },
  'a reset sent under enforced SSO': {
    check: 'password-reset.sso',
    make: () => harness(({ store }, adapter) => ({
      sendPasswordReset: async (p) => {
        const sso = store.getSettings().sso;
        store.updateSettings({ sso: { ...sso, enforced: false } });
        try {
          return await adapter.sendPasswordReset!(p);
        } finally {
          store.updateSettings({ sso });
        }
      },
    })),
    says: /under SSO: expected a rejection: .*reason 'sso_enforced'/,
  },
  'a scoped admin resetting anyone': {
    check: 'password-reset.outside-scope',
    make: () => harness(undefined, ({ store }) => ({ sendPasswordReset: createMemoryAdapter(store.as(SYSTEM_ACTOR_ID)).sendPasswordReset! })),
    says: /as the admin scoped to '[^']+', sendPasswordReset\(user '[^']+' reaching \['[^']+'\]\): expected a rejection: .*reason 'outside_scope'/,
  },
};

describe('the password-reset checks', () => {
  it('pass the reference backend, which keeps the rule', async () => {
    const results = await runConformanceChecks(harness(), { only: ['password-reset'] });
    expect(results.map((r) => [r.id, r.status, r.error ? String(r.error) : undefined])).toEqual(CHECKS.map((id) => [id, 'passed', undefined]));
  });

  for (const [defect, { check, make, says }] of Object.entries(broken)) {
    it(`fail a backend with ${defect}: ${check}`, async () => {
      const results = await runConformanceChecks(make(), { only: [check] });
      expect(results.map((r) => [r.id, r.status])).toEqual([[check, 'failed']]);
      expect(results[0]!.error).toBeInstanceOf(ConformanceError);
      expect(String((results[0]!.error as Error).message)).toMatch(says);
    });
  }

  it('skip every password-reset check for an adapter without sendPasswordReset, naming the method', async () => {
    const without = () => {
      const h = harness()();
      const { sendPasswordReset: _gone, ...adapter } = h.adapter;
      return { ...h, adapter };
    };
    const results = await runConformanceChecks(without, { only: ['password-reset'], expectedSkips: Object.fromEntries(CHECKS.map((id) => [id, 'no sendPasswordReset'])) });
    expect(results.map((r) => [r.id, r.status, r.missing])).toEqual([
      ...CHECKS.map((id) => [id, 'skipped', ['adapter.sendPasswordReset']]),
      [EXPECTED_SKIPS_RESULT_ID, 'passed', undefined],
    ]);
  });
});
