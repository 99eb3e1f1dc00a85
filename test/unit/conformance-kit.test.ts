/**
 * The conformance kit itself can fail: each deliberately broken adapter (a wrapper over the
 * memory adapter) must make the matching checks fail, while the unbroken adapter passes them.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_ADMIN_ID, FIXTURE_ROLES, createFaultInjector, createMemoryAdapter, createMockStore, type MockStore } from '../../mocks';
import { UserAdminError, isUserAdminError } from '../../src/contract/errors';
import type { BulkResult, ListUsersParams, User, UserAdminAdapter } from '../../src/contract/types';
import {
  MAX_PAGE_SIZE, ancestryFromParents, checkAccessChange, checkActOnUser, checkGrant, enforce, entityInScope, isActiveAdminUser, refusalError, ssoRefusal,
  type Grant, type Refusal, type RuleContext, type UserAction,
} from '../../src/core';
import {
  ConformanceError, EXPECTED_SKIPS_RESULT_ID, runConformanceChecks, selectChecks, skipDifferences, type ConformanceHarness,
} from '../../src/testing';
import { describeAdapterConformance } from '../../src/testing/vitest';

const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

type Wrap = (inner: UserAdminAdapter) => UserAdminAdapter;

function harness(wrap: Wrap = (a) => a): () => ConformanceHarness {
  return () => {
    const store = createMockStore({ userCount: 30, allowedDomains: ALLOWED_DOMAINS });
    const faults = createFaultInjector();
    return {
      adapter: wrap(createMemoryAdapter(store, { faults })),
      advanceTime: (ms) => store.clock.advance(ms),
      failNext: (code) => faults.failNext(code),
      failInvite: (email) => faults.failInvitesTo([email]),
      failWriteOf: (userId) => faults.failWriteOf(userId),
      setLatency: (ms) => faults.setLatency(ms),
      disallowedDomainEmail: 'someone@not-acme.test',
    };
  };
}

/** Bulk results answered by position: the ids of the request laid over the results in another order (successes first). */
const byPosition = (ids: string[], { results }: BulkResult): BulkResult => ({
  results: [...results].sort((a, b) => Number(b.ok) - Number(a.ok)).map((r, i) => ({ ...r, id: ids[i]! })),
});

/** A backend without versions: its users and roles carry none. */
const withoutVersions: Wrap = (inner) => {
  const strip = <T extends { version?: string }>({ version: _v, ...rest }: T): T => rest as T;
  return {
    ...inner,
    listUsers: async (p) => {
      const page = await inner.listUsers(p);
      return { ...page, items: page.items.map(strip) };
    },
    getUser: async (p) => strip(await inner.getUser(p)),
  };
};

/** Every matching user, in the inner adapter's order. */
async function everyUser(inner: UserAdminAdapter, params: Omit<ListUsersParams, 'pageIndex' | 'pageSize'>): Promise<User[]> {
  const all: User[] = [];
  for (let pageIndex = 0; ; pageIndex++) {
    const page = await inner.listUsers({ ...params, pageIndex, pageSize: 100 });
    all.push(...page.items);
    if (page.items.length < 100) return all;
  }
}

const sortKey = (u: User, field: string): string =>
  field === 'name' ? `${u.firstName} ${u.lastName}` : field === 'role' ? String(u.roleId) : String(u[field as keyof User]);

const broken: Record<string, { wrap: Wrap; checks: string[]; says: RegExp }> = {
  'a total off by one': {
    wrap: (inner) => ({ ...inner, listUsers: async (p) => ({ ...(await inner.listUsers(p)), total: (await inner.listUsers(p)).total + 1 }) }),
    checks: ['paging.totals'],
    says: /expected \d+ items|distinct users/,
  },
  'ties shuffled on every call': {
    wrap: (inner) => {
      let calls = 0;
      return {
        ...inner,
        async listUsers(p) {
          calls += 1;
          const field = p.sort?.field ?? 'name';
          const all = await everyUser(inner, { sort: p.sort, search: p.search, filter: p.filter });
          // Rotate each run of tied users by the call count: same values, different order each time.
          const out: User[] = [];
          for (let i = 0; i < all.length; ) {
            let j = i;
            while (j < all.length && sortKey(all[j]!, field) === sortKey(all[i]!, field)) j++;
            const run = all.slice(i, j);
            const r = calls % run.length;
            out.push(...run.slice(r), ...run.slice(0, r));
            i = j;
          }
          return { items: out.slice(p.pageIndex * p.pageSize, (p.pageIndex + 1) * p.pageSize), total: all.length };
        },
      };
    },
    checks: ['sort.name.asc', 'sort.status.desc', 'sort.role.asc', 'sort.createdAt.asc'],
    says: /asked twice|on two pages|order of pages of 7/,
  },
  'the sort direction ignored': {
    wrap: (inner) => ({ ...inner, listUsers: (p) => inner.listUsers({ ...p, ...(p.sort ? { sort: { ...p.sort, direction: 'asc' } } : {}) }) }),
    checks: ['sort.email.desc', 'sort.createdAt.desc', 'sort.status.desc', 'sort.name.desc'],
    says: /expected (emails desc|createdAt desc|users ordered by name desc)|in the reverse order of 'asc'/,
  },
  'the kind filter ignored': {
    wrap: (inner) => ({ ...inner, listUsers: ({ filter, ...p }) => inner.listUsers({ ...p, ...(filter ? { filter: { ...filter, kind: undefined } } : {}) }) }),
    checks: ['filter.kind'],
    says: /expected only matching users/,
  },
  'a case-sensitive search': {
    wrap: (inner) => ({
      ...inner,
      async listUsers(p) {
        if (!p.search) return inner.listUsers(p);
        const s = p.search;
        const all = (await everyUser(inner, { sort: p.sort, search: s, filter: p.filter })).filter((u) =>
          [u.firstName, u.lastName, u.email, u.username ?? ''].some((f) => f.includes(s)),
        );
        return { items: all.slice(p.pageIndex * p.pageSize, (p.pageIndex + 1) * p.pageSize), total: all.length };
      },
    }),
    checks: ['search.name-and-email'],
    says: /^listUsers\(\{ search: '.+' \}\): expected the user created with/,
  },
  "'already_invited' reported as 'already_member'": {
    wrap: (inner) => ({
      ...inner,
      async inviteUsers(p) {
        const result = await inner.inviteUsers(p);
        return { ...result, skipped: result.skipped.map((s) => (s.reason === 'already_invited' ? { ...s, reason: 'already_member' as const } : s)) };
      },
    }),
    checks: ['invitations.skip-already-invited'],
    says: /skipped once with reason 'already_invited'/,
  },
  'addresses that failed to invite dropped from the result': {
    wrap: (inner) => ({
      ...inner,
      async inviteUsers(p) {
        const { invited, skipped } = await inner.inviteUsers(p);
        return { invited, skipped };
      },
    }),
    checks: ['invitations.partial-failure'],
    says: /with failInvite\('part2\.[^']+'\) failed/,
  },
  'plain Errors instead of UserAdminErrors': {
    wrap: (inner) =>
      Object.fromEntries(
        Object.entries(inner).map(([name, fn]) => [
          name,
          async (params: never) => {
            try {
              return await (fn as (p: never) => Promise<unknown>)(params);
            } catch (e) {
              throw isUserAdminError(e) ? new Error(e.message) : e;
            }
          },
        ]),
      ) as unknown as UserAdminAdapter,
    checks: ['users.get-not-found', 'errors.unavailable', 'errors.validation-field', 'protections.self-action'],
    says: /expected a UserAdminError .*got Error: /,
  },
  'expectedVersion ignored (last write wins)': {
    wrap: (inner) => ({
      ...inner,
      updateUser: ({ expectedVersion: _v, ...p }) => inner.updateUser(p),
      setUserStatus: ({ expectedVersion: _v, ...p }) => inner.setUserStatus(p),
      removeUser: ({ expectedVersion: _v, ...p }) => inner.removeUser(p),
    }),
    checks: ['concurrency.stale-write'],
    says: /with the stale expectedVersion .*: expected a rejection: a UserAdminError with code conflict with reason 'stale'/,
  },
  'bulk results matched by position': {
    wrap: (inner) => ({
      ...inner,
      setUsersStatus: async (p) => byPosition(p.ids, await inner.setUsersStatus!(p)),
      removeUsers: async (p) => byPosition(p.ids, await inner.removeUsers!(p)),
    }),
    checks: ['bulk.per-item-truth'],
    says: /ok:false for '[^']+', the user whose write failed \(results matched by id, not by position\)/,
  },
  'an ignored abort signal': {
    wrap: (inner) => ({ ...inner, listUsers: ({ signal: _ignored, ...p }) => inner.listUsers(p) }),
    checks: ['abort.pre-aborted', 'abort.in-flight'],
    says: /expected a rejection named 'AbortError', got \{"resolved"/,
  },
};

describe('the conformance kit', () => {
  it('passes the unbroken memory adapter on every check the broken adapters below fail', async () => {
    const ids = [...new Set(Object.values(broken).flatMap((b) => b.checks))];
    const results = await runConformanceChecks(harness(), { only: ids });
    expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
  });

  for (const [defect, { wrap, checks, says }] of Object.entries(broken)) {
    it(`given an adapter with ${defect}, fails ${checks.join(', ')} with a ConformanceError saying what was expected`, async () => {
      const results = await runConformanceChecks(harness(wrap), { only: checks });
      expect(Object.fromEntries(results.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(checks.map((id) => [id, 'failed'])));
      for (const r of results) {
        expect(r.error).toBeInstanceOf(ConformanceError);
        expect(String((r.error as Error).message)).toMatch(says);
      }
    });
  }

  it('reports the wrong total with the operation, the expected and the actual count', async () => {
    const [result] = await runConformanceChecks(harness(broken['a total off by one']!.wrap), { only: ['paging.totals'] });
    expect((result?.error as Error).message).toMatch(/^listUsers\(\{ pageIndex: \d+, pageSize: \d+ \}\): expected \d+ items/);
  });

  it('skips the checks whose control the harness lacks, naming the control', async () => {
    const lean = () => ({ adapter: createMemoryAdapter(createMockStore({ userCount: 30 })) });
    const results = await runConformanceChecks(lean, { only: ['invitations.expiry', 'errors.network', 'abort.in-flight', 'invitations.skip-domain-not-allowed'] });
    expect(results.map((r) => [r.id, r.status, r.missing])).toEqual([
      ['invitations.skip-domain-not-allowed', 'skipped', ['disallowedDomainEmail']],
      ['invitations.expiry', 'skipped', ['advanceTime']],
      ['errors.network', 'skipped', ['failNext']],
      ['abort.in-flight', 'skipped', ['setLatency']],
    ]);
  });

  it('skips the checks of optional methods the adapter does not have', async () => {
    const bare = () => {
      const { getUserCounts: _c, setUsersStatus: _s, ...adapter } = createMemoryAdapter(createMockStore({ userCount: 30 }));
      return { adapter };
    };
    const results = await runConformanceChecks(bare, { only: ['counts', 'bulk'] });
    expect(results.map((r) => [r.id, r.status, r.missing])).toEqual([
      ['bulk.status', 'skipped', ['adapter.setUsersStatus']],
      ['bulk.remove', 'passed', undefined],
      ['bulk.per-item-truth', 'skipped', ['failWriteOf']],
      ['counts.agree', 'skipped', ['adapter.getUserCounts']],
    ]);
  });

  it('runs bulk.per-item-truth on removeUsers alone when the adapter has no setUsersStatus', async () => {
    const noBulkStatus = () => {
      const h = harness()();
      const { setUsersStatus: _s, ...adapter } = h.adapter;
      return { ...h, adapter };
    };
    const results = await runConformanceChecks(noBulkStatus, { only: ['bulk.per-item-truth'] });
    expect(results.map((r) => [r.id, r.status])).toEqual([['bulk.per-item-truth', 'passed']]);
  });

  it('skips concurrency.stale-write at run time when the backend\'s users carry no version, saying why', async () => {
    const results = await runConformanceChecks(harness(withoutVersions), { only: ['concurrency'], expectedSkips: { 'concurrency.stale-write': 'no versions' } });
    expect(results.map((r) => [r.id, r.status])).toEqual([['concurrency.stale-write', 'skipped'], ['kit.expected-skips', 'passed']]);
    expect(results[0]!.missing).toEqual([expect.stringMatching(/^features\.versions \(the first user listUsers gives carries no `version`/)]);
  });

  it('selects checks by id or by group, and leaves out the skipped ones', () => {
    const ids = selectChecks({ only: ['sort', 'users.get'], skip: ['sort.email'] }).map((c) => c.id);
    expect(ids).toContain('sort.name.asc');
    expect(ids).toContain('users.get');
    expect(ids).not.toContain('users.get-not-found');
    expect(ids.filter((id) => id.startsWith('sort.email'))).toEqual([]);
    expect(ids).toHaveLength(11);
  });

  it('calls cleanup after every check, passed or failed', async () => {
    let cleanups = 0;
    const setup = () => ({ ...harness(broken['a total off by one']!.wrap)(), cleanup: () => void (cleanups += 1) });
    const results = await runConformanceChecks(setup, { only: ['paging'] });
    expect(results.map((r) => r.status)).toEqual(['failed', 'passed']);
    expect(cleanups).toBe(2);
  });

  it('gives every check a unique id and a group', () => {
    const all = selectChecks();
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.every((c) => c.group && c.id.startsWith(`${c.group}.`))).toBe(true);
  });
});

// Keep the UserAdminError import meaningful: the broken "plain Error" wrapper must really drop the brand.
it('the plain-Error wrapper really strips the UserAdminError brand', async () => {
  const wrapped = broken['plain Errors instead of UserAdminErrors']!.wrap(createMemoryAdapter(createMockStore({ userCount: 30 })));
  const error = await wrapped.getUser({ id: 'nope' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(UserAdminError);
  expect(isUserAdminError(error)).toBe(false);
});

describe('the kit follows the features a backend declares', () => {
  /** The memory adapter, with `settings.features` overridden as a backend without them would declare. */
  const withFeatures = (features: NonNullable<Awaited<ReturnType<UserAdminAdapter['getSettings']>>['features']>): Wrap => (inner) => ({
    ...inner,
    getSettings: async (p) => ({ ...(await inner.getSettings(p)), features }),
  });

  it('given contacts declared false, skips the contact checks naming the feature, and the kind filter and sorts still pass with login users only', async () => {
    const results = await runConformanceChecks(harness(withFeatures({ contacts: false })), { only: ['users.create-contact', 'users.email-change-contact', 'filter.kind', 'sort.name.asc'] });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['users.create-contact']).toMatchObject({ status: 'skipped', missing: [expect.stringContaining('features.contacts')] });
    expect(byId['users.email-change-contact']?.status).toBe('skipped');
    // The memory store still has seeded contacts, so "no contact" fails: the check does look.
    expect(byId['filter.kind']?.status).toBe('failed');
    expect(String(byId['filter.kind']?.error)).toMatch(/features\.contacts false/);
    expect(byId['sort.name.asc']?.status).toBe('passed');
  });

  it('given invitations declared false, skips every invitation check', async () => {
    const results = await runConformanceChecks(harness(withFeatures({ invitations: false })), { only: ['invitations', 'users.create-login'] });
    expect(results.length).toBeGreaterThan(5);
    expect(results.every((r) => r.status === 'skipped' && r.missing?.some((m) => m.startsWith('features.invitations')))).toBe(true);
  });

  it('given email changes declared immediate, expects the address to change at once, and fails an adapter that still sends a registration request', async () => {
    const immediate = () => {
      const store = createMockStore({ userCount: 30, allowedDomains: ALLOWED_DOMAINS, settings: { features: { emailChangeConfirmation: false } } });
      return { adapter: createMemoryAdapter(store) };
    };
    const [passing] = await runConformanceChecks(immediate, { only: ['users.email-change-login'] });
    expect(passing?.status).toBe('passed');
    const [failing] = await runConformanceChecks(harness(withFeatures({ emailChangeConfirmation: false })), { only: ['users.email-change-login'] });
    expect(failing?.status).toBe('failed');
    expect(String(failing?.error)).toMatch(/emailChange 'none'/);
  });
});

// ---------------------------------------------------------------------------
// Admin scope, self-protection, SSO and classification order
// ---------------------------------------------------------------------------

/** Ways the rule-keeping fake below can be broken, one rule at a time. */
type Defect =
  | 'self-demotion answered with a success'
  | 'self refusals as conflict'
  | 'bulk reports every id ok'
  | 'resend under SSO'
  | 'invitation on reactivation under SSO'
  | 'domain checked before membership'
  | 'invalid checked before SSO'
  | 'grants outside the scope'
  | 'broader admin scope granted'
  | 'acts on a user reaching any entity of the scope'
  | 'own scope widened'
  | 'actAs ignored';

const ADMIN_ROLE_IDS = new Set(FIXTURE_ROLES.filter((r) => r.isAdmin).map((r) => r.id));
const isAdminRole = (roleId: string | null | undefined) => ADMIN_ROLE_IDS.has(roleId ?? '');

/**
 * The memory adapter with the domain core's rules on top (self-protection, admin scope, SSO), acting
 * as `actorId`: what a backend keeping the contract does. Each defect breaks one rule.
 */
function ruled(store: MockStore, inner: UserAdminAdapter, actorId: string, defects: ReadonlySet<Defect>, newUserDomains: readonly string[] = RULED_DOMAINS): UserAdminAdapter {
  const has = (d: Defect) => defects.has(d);
  const ctx = (): RuleContext => {
    const actor = store.getUser({ id: actorId });
    const entities = store.listEntities({ pageIndex: 0, pageSize: MAX_PAGE_SIZE }).items;
    return { actor: { id: actorId, isAdmin: isAdminRole(actor.roleId), adminScope: actor.adminScope }, ancestry: ancestryFromParents(entities) };
  };
  const lastActiveAdmin = (id: string) => {
    const admins = store.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE }).items.filter((u) => isActiveAdminUser(u, (r) => isAdminRole(r)));
    return admins.length === 1 && admins[0]!.id === id;
  };
  const refuse = (refusal: Refusal | null) => {
    if (!refusal) return;
    if (has('self refusals as conflict') && refusal.reason === 'self_action') throw refusalError({ ...refusal, code: 'conflict' });
    enforce(refusal);
  };
  const actOn = (id: string, action: UserAction) => {
    const c = ctx();
    let target = store.getUser({ id });
    if (has('acts on a user reaching any entity of the scope')) {
      const inside = target.entityIds.filter((e) => entityInScope(c.actor.adminScope, e, c.ancestry));
      if (inside.length > 0) target = { ...target, entityIds: inside };
    }
    refuse(checkActOnUser(c, target, action, { lastActiveAdmin: lastActiveAdmin(id) }));
  };
  const grant = (g: Grant) => {
    const c = ctx();
    refuse(checkGrant(c, {
      ...g,
      ...(has('grants outside the scope') ? { entityIds: undefined } : {}),
      ...(has('broader admin scope granted') ? { adminScope: undefined } : {}),
    }));
  };
  /** Runs `call` with SSO off for its duration: a backend that forgets SSO for this call. */
  const ignoringSso = async <T,>(call: () => Promise<T>): Promise<T> => {
    const { sso } = store.getSettings();
    if (!sso.enforced) return call();
    store.updateSettings({ sso: { ...sso, enforced: false } });
    try {
      return await call();
    } finally {
      store.updateSettings({ sso });
    }
  };
  const setStatus = async (id: string, status: 'active' | 'deactivated'): Promise<User> => {
    actOn(id, status === 'deactivated' ? 'deactivate' : 'reactivate');
    if (status === 'active' && has('invitation on reactivation under SSO')) return ignoringSso(() => inner.setUserStatus({ id, status }));
    const user = await inner.setUserStatus({ id, status });
    // Under SSO nobody needs an invitation: the reactivated user is active at once.
    if (status === 'active' && user.status === 'invited' && user.invitation && store.getSettings().sso.enforced && !has('invitation on reactivation under SSO')) {
      return store.acceptInvitation({ id: user.invitation.id });
    }
    return user;
  };
  const bulk = async (ids: string[], run: (id: string) => Promise<unknown>): Promise<BulkResult> => ({
    results: await Promise.all(ids.map(async (id) => {
      try {
        await run(id);
        return { id, ok: true as const };
      } catch (e) {
        if (has('bulk reports every id ok')) return { id, ok: true as const };
        if (!isUserAdminError(e)) throw e;
        return { id, ok: false as const, error: e.toJSON() };
      }
    })),
  });
  return {
    ...inner,
    async getSettings(p) {
      const settings = await inner.getSettings(p);
      if (actorId === CURRENT_ADMIN_ID) return settings;
      const u = store.getUser({ id: actorId });
      return { ...settings, currentUser: { id: u.id, name: `${u.firstName} ${u.lastName}`, isAdmin: isAdminRole(u.roleId), adminScope: u.adminScope } };
    },
    async createUser(p) {
      const input = p.input;
      if (input.kind === 'login') grant({ isAdminRole: isAdminRole(input.roleId), adminScope: input.adminScope ?? undefined, entityIds: input.entityIds });
      else grant({ entityIds: [input.entityId] });
      return inner.createUser(p);
    },
    async inviteUsers(p) {
      const { input } = p;
      const sso = store.getSettings().sso.enforced;
      if (sso && has('invalid checked before SSO')) {
        return { invited: [], skipped: input.emails.map((email) => ({ email, reason: email.includes('@') ? ('sso_enforced' as const) : ('invalid' as const) })) };
      }
      if (!sso) grant({ isAdminRole: isAdminRole(input.roleId), adminScope: input.adminScope ?? undefined, entityIds: input.entityIds });
      const result = await inner.inviteUsers(p);
      if (!has('domain checked before membership')) return result;
      const allowed = new Set(newUserDomains);
      return { ...result, skipped: result.skipped.map((s) => (s.reason === 'already_member' && !allowed.has(s.email.split('@')[1]!.toLowerCase()) ? { ...s, reason: 'domain_not_allowed' as const } : s)) };
    },
    async updateUser(p) {
      const target = store.getUser({ id: p.id });
      const wasAdmin = isAdminRole(target.roleId);
      const staysAdmin = p.patch.roleId !== undefined ? isAdminRole(p.patch.roleId) : wasAdmin;
      const selfChange = target.id === actorId && ((has('self-demotion answered with a success') && wasAdmin && !staysAdmin) || (has('own scope widened') && p.patch.adminScope !== undefined));
      if (!selfChange) {
        const c = ctx();
        let subject = target;
        if (has('acts on a user reaching any entity of the scope')) {
          const inside = target.entityIds.filter((e) => entityInScope(c.actor.adminScope, e, c.ancestry));
          if (inside.length > 0) subject = { ...target, entityIds: inside };
        }
        refuse(checkAccessChange(c, subject, { wasAdmin, staysAdmin, adminScope: p.patch.adminScope, entityIds: p.patch.entityIds, lastActiveAdmin: lastActiveAdmin(p.id) }));
      }
      if (selfChange) {
        // A backend that answers the refused change of oneself with a success, changing nothing.
        return inner.updateUser(p).catch((e: unknown) => {
          if (isUserAdminError(e) && e.reason === 'self_action') return { user: store.getUser({ id: p.id }), emailChange: 'none' as const };
          throw e;
        });
      }
      return inner.updateUser(p);
    },
    setUserStatus: (p) => setStatus(p.id, p.status),
    async removeUser(p) {
      actOn(p.id, 'remove');
      return inner.removeUser(p);
    },
    async resendInvitation(p) {
      if (has('resend under SSO')) return ignoringSso(() => inner.resendInvitation(p));
      refuse(ssoRefusal(store.getSettings().sso.enforced, 'resendInvitation'));
      return inner.resendInvitation(p);
    },
    setUsersStatus: (p) => bulk(p.ids, (id) => setStatus(id, p.status)),
    removeUsers: (p) => bulk(p.ids, async (id) => {
      actOn(id, 'remove');
      await inner.removeUser({ id });
    }),
  };
}

/** A seeded member whose domain the rule-keeping backend then refuses for new users. */
const MEMBER_OFF_DOMAIN = (() => {
  const probe = createMockStore({ userCount: 30 });
  const current = probe.getUser({ id: CURRENT_ADMIN_ID });
  const home = current.email.split('@')[1];
  const member = probe.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['active'], kind: 'login' } }).items.find((u) => {
    const domain = u.email.split('@')[1]!;
    return u.id !== CURRENT_ADMIN_ID && domain !== home && domain !== 'mailinator.com' && ALLOWED_DOMAINS.includes(domain);
  });
  if (!member) throw new Error('no seeded member outside the home domain');
  return member.email;
})();

/** The domains the rule-keeping backend accepts for new users: not the member's above. */
const RULED_DOMAINS = ALLOWED_DOMAINS.filter((d) => d !== MEMBER_OFF_DOMAIN.split('@')[1]);

/** A fresh backend keeping every rule (or all but the defects), with actAs and both address controls. */
function ruledHarness(...defects: Defect[]): () => ConformanceHarness {
  return ruledHarnessOver(RULED_DOMAINS, defects);
}

/** {@link ruledHarness} over a backend accepting these domains for new users (the member's too: a misconfigured harness). */
function ruledHarnessOver(newUserDomains: readonly string[], defects: readonly Defect[]): () => ConformanceHarness {
  const broken = new Set(defects);
  return () => {
    const store = createMockStore({ userCount: 30, allowedDomains: [...newUserDomains] });
    const inner = createMemoryAdapter(store);
    const adapter = ruled(store, inner, CURRENT_ADMIN_ID, broken, newUserDomains);
    return {
      adapter,
      advanceTime: (ms) => store.clock.advance(ms),
      setSsoEnforced: (enforced) => void store.updateSettings({ sso: { enforced, providerName: enforced ? 'Okta' : null } }),
      disallowedDomainEmail: 'someone@not-acme.test',
      disallowedDomainMemberEmail: MEMBER_OFF_DOMAIN,
      actAs(userId) {
        const user = store.getUser({ id: userId });
        if (user.status === 'invited' && user.invitation) store.acceptInvitation({ id: user.invitation.id });
        return broken.has('actAs ignored') ? adapter : ruled(store, inner, userId, broken, newUserDomains);
      },
    };
  };
}

const NEW_CHECKS = [
  'scope.grant-outside', 'scope.broader-admin', 'scope.act-on-outside-user', 'scope.widen-own',
  'protections.self-demote', 'protections.self-deactivate', 'sso.no-resend', 'sso.no-invite-on-reactivate',
  'invitations.classification-order',
];

const rulesBroken: Record<Defect, { checks: string[]; says: RegExp }> = {
  'self-demotion answered with a success': { checks: ['protections.self-demote'], says: /with another active admin: expected a rejection: a UserAdminError with code forbidden with reason 'self_action'/ },
  'self refusals as conflict': { checks: ['protections.self-deactivate'], says: /expected a UserAdminError with code forbidden with reason 'self_action', got UserAdminError\(code=conflict/ },
  'bulk reports every id ok': { checks: ['protections.self-deactivate'], says: /ok:false for the current user, with code forbidden/ },
  'resend under SSO': { checks: ['sso.no-resend'], says: /under SSO: expected a rejection: .*reason 'sso_enforced'/ },
  'invitation on reactivation under SSO': { checks: ['sso.no-invite-on-reactivate'], says: /expected status active and invitation null/ },
  'domain checked before membership': { checks: ['invitations.classification-order'], says: /skipped once with reason 'already_member'/ },
  'invalid checked before SSO': { checks: ['invitations.classification-order'], says: /under SSO skipped every address, even the invalid one/ },
  'grants outside the scope': { checks: ['scope.grant-outside'], says: /createUser\(\{ email: '[^']+', entityIds: \['[^']+'\] \}\): expected a rejection: .*reason 'outside_scope'/ },
  'broader admin scope granted': { checks: ['scope.broader-admin'], says: /adminScope: \{"type":"all"\}.*expected a rejection: .*reason 'scope_too_broad'/ },
  'acts on a user reaching any entity of the scope': { checks: ['scope.act-on-outside-user'], says: /updateUser\(user '[^']+' reaching \[.+,.+\]\): expected a rejection: .*reason 'outside_scope'/ },
  'own scope widened': { checks: ['scope.widen-own'], says: /updateUser\(self, \{ adminScope: \{"type":"all"\} \}\): expected a rejection/ },
  'actAs ignored': { checks: ['scope.grant-outside', 'scope.broader-admin', 'scope.act-on-outside-user', 'scope.widen-own'], says: /^actAs\('[^']+'\), then getSettings\(\): expected currentUser/ },
};

describe('the admin-scope, self-protection, SSO and classification checks', () => {
  it('pass a backend keeping every rule', async () => {
    const results = await runConformanceChecks(ruledHarness(), { only: NEW_CHECKS });
    expect(results.map((r) => r.id).sort()).toEqual([...NEW_CHECKS].sort());
    expect(results.filter((r) => r.status !== 'passed').map((r) => [r.id, String(r.error)])).toEqual([]);
  });

  for (const [defect, { checks, says }] of Object.entries(rulesBroken)) {
    it(`fail a backend with ${defect}: ${checks.join(', ')}`, async () => {
      const results = await runConformanceChecks(ruledHarness(defect as Defect), { only: checks });
      expect(Object.fromEntries(results.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(checks.map((id) => [id, 'failed'])));
      for (const r of results) {
        expect(r.error).toBeInstanceOf(ConformanceError);
        expect(String((r.error as Error).message)).toMatch(says);
      }
    });
  }

  it("fails the classification order on a harness whose disallowedDomainMemberEmail's domain is accepted, as a harness precondition, even for a backend checking the domain before membership", async () => {
    // The member's domain is accepted for new users: their already_member would prove no order.
    const results = await runConformanceChecks(ruledHarnessOver(ALLOWED_DOMAINS, ['domain checked before membership']), { only: ['invitations.classification-order'] });
    expect(results.map((r) => [r.id, r.status])).toEqual([['invitations.classification-order', 'failed']]);
    expect(results[0]!.error).toBeInstanceOf(ConformanceError);
    const domain = MEMBER_OFF_DOMAIN.split('@')[1]!.replace(/\./g, '\\.');
    expect(String((results[0]!.error as Error).message)).toMatch(new RegExp(`inviteUsers\\(\\{ emails: \\['fresh\\.[^']+@${domain}'\\] \\}\\): expected .*skipped with reason 'domain_not_allowed' \\(harness precondition`));
  });

  it('skip the scope checks without actAs, and the classification check without disallowedDomainMemberEmail, naming the control', async () => {
    const lean = () => {
      const { actAs: _a, disallowedDomainMemberEmail: _m, ...rest } = ruledHarness()();
      return rest;
    };
    const results = await runConformanceChecks(lean, { only: ['scope', 'invitations.classification-order'] });
    expect(results.map((r) => [r.id, r.status, r.missing])).toEqual([
      ['invitations.classification-order', 'skipped', ['disallowedDomainMemberEmail']],
      ['scope.grant-outside', 'skipped', ['actAs']],
      ['scope.broader-admin', 'skipped', ['actAs']],
      ['scope.act-on-outside-user', 'skipped', ['actAs']],
      ['scope.widen-own', 'skipped', ['actAs']],
    ]);
  });

  it('skip the scope checks when the backend declares features.adminScope false, saying why', async () => {
    const noScope = () => {
      const h = ruledHarness()();
      return { ...h, adapter: { ...h.adapter, getSettings: async () => { const s = await h.adapter.getSettings(); return { ...s, features: { ...s.features, adminScope: false } }; } } };
    };
    const results = await runConformanceChecks(noScope, { only: ['scope'] });
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.status).toBe('skipped');
      expect(r.missing).toEqual([expect.stringMatching(/^features\.adminScope \(the backend declares it false: .*every admin administers every entity\)$/)]);
    }
  });
});

describe('expectedSkips', () => {
  const lean = () => ({ adapter: createMemoryAdapter(createMockStore({ userCount: 30 })) });
  const only = ['abort', 'users.get', 'invitations.expiry'];

  it('passes when the checks skipped are exactly the declared ones (by control and by skip)', async () => {
    const results = await runConformanceChecks(lean, {
      only,
      skip: ['users.get'],
      expectedSkips: { 'abort.in-flight': 'no setLatency control', 'invitations.expiry': 'no clock', 'users.get': 'left out on purpose' },
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['invitations.expiry', 'skipped'],
      ['abort.pre-aborted', 'passed'],
      ['abort.in-flight', 'skipped'],
      [EXPECTED_SKIPS_RESULT_ID, 'passed'],
    ]);
  });

  it('fails on a skip not declared, naming it and why it was skipped', async () => {
    const results = await runConformanceChecks(lean, { only, expectedSkips: { 'invitations.expiry': 'no clock' } });
    const last = results[results.length - 1]!;
    expect(last).toMatchObject({ id: EXPECTED_SKIPS_RESULT_ID, status: 'failed' });
    expect(String(last.error)).toMatch(/skipped but not declared in expectedSkips: abort\.in-flight \(needs setLatency\)/);
    expect(String(last.error)).not.toMatch(/declared in expectedSkips but not skipped/);
  });

  it('fails on a declared skip that ran, naming it with its declared reason, and on unknown ids', async () => {
    const results = await runConformanceChecks(lean, {
      only,
      expectedSkips: { 'abort.in-flight': 'no latency', 'invitations.expiry': 'no clock', 'abort.pre-aborted': 'flaky', 'abort.nope': 'typo' },
    });
    const last = results[results.length - 1]!;
    expect(last.status).toBe('failed');
    expect(String(last.error)).toMatch(/declared in expectedSkips but not skipped: abort\.pre-aborted \(declared: "flaky"\)/);
    expect(String(last.error)).toMatch(/no check has this id: abort\.nope/);
    expect(String(last.error)).not.toMatch(/skipped but not declared/);
  });

  it('counts a feature the backend declares false, found at run time, as a skip', async () => {
    const noContacts = () => {
      const adapter = createMemoryAdapter(createMockStore({ userCount: 30 }));
      return { adapter: { ...adapter, getSettings: async () => ({ ...(await adapter.getSettings()), features: { contacts: false } }) } };
    };
    const declared = await runConformanceChecks(noContacts, { only: ['users.create-contact'], expectedSkips: { 'users.create-contact': 'no contacts' } });
    expect(declared.map((r) => r.status)).toEqual(['skipped', 'passed']);
    const undeclared = await runConformanceChecks(noContacts, { only: ['users.create-contact'], expectedSkips: {} });
    expect(String(undeclared[1]?.error)).toMatch(/skipped but not declared in expectedSkips: users\.create-contact \(needs features\.contacts/);
  });

  it('reports declared skips without a reason, and ignores declared ids outside only', () => {
    expect(skipDifferences(new Map([['abort.in-flight', 'needs setLatency']]), { 'abort.in-flight': ' ', 'sort.name.asc': 'x' }, new Set(['abort.in-flight']))).toBe(
      'declared in expectedSkips without a reason: abort.in-flight',
    );
    expect(skipDifferences(new Map(), {}, new Set())).toBeNull();
  });
});

// The vitest path: a skip by control, by `skip` and by a feature found at run time, all declared,
// so the final "skips exactly the declared checks" test registered by the kit passes.
describeAdapterConformance({
  name: 'describeAdapterConformance with expectedSkips',
  only: ['abort', 'users.get', 'users.create-contact'],
  skip: ['users.get'],
  setup: () => {
    const adapter = createMemoryAdapter(createMockStore({ userCount: 30 }));
    return { adapter: { ...adapter, getSettings: async () => ({ ...(await adapter.getSettings()), features: { contacts: false } }) } };
  },
  expectedSkips: {
    'abort.in-flight': 'the harness has no setLatency',
    'users.get': 'left out with skip',
    'users.create-contact': 'features.contacts false',
  },
});
