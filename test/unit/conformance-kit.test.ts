/**
 * The conformance kit itself can fail: each deliberately broken adapter (a wrapper over the
 * memory adapter) must make the matching checks fail, while the unbroken adapter passes them.
 */
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { UserAdminError, isUserAdminError } from '../../src/adapter/errors';
import type { ListUsersParams, User, UserAdminAdapter } from '../../src/adapter/types';
import { ConformanceError, runConformanceChecks, selectChecks, type ConformanceHarness } from '../../src/testing';

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
      setLatency: (ms) => faults.setLatency(ms),
      disallowedDomainEmail: 'someone@not-acme.test',
    };
  };
}

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
      ['counts.agree', 'skipped', ['adapter.getUserCounts']],
    ]);
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
