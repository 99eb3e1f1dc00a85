import { describe, expect, it } from 'vitest';
import { UserAdminError } from '../src/contract/errors';
import type { User } from '../src/contract/types';
import { MAX_BULK_IDS, MAX_PAGE_SIZE } from '../src/core';
import { DAY_MS, createClock } from './clock';
import { CURRENT_ADMIN_ID, MODULE_IDS, ROLE_IDS, ROOT_ENTITY_ID } from './fixtures';
import { SYSTEM_ACTOR_ID, createMockStore, type MockStore } from './store';

function caught(run: () => unknown): UserAdminError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserAdminError) return error;
    throw error;
  }
  throw new Error('expected the call to throw a UserAdminError');
}

function loginInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'login' as const,
    email: 'new.person@acme-group.com',
    firstName: 'Nouvelle',
    lastName: 'Personne',
    roleId: ROLE_IDS.user,
    scope: 'entity' as const,
    entityIds: ['entity-acme-paris'],
    ...overrides,
  };
}

/** Every user, by pages of the largest size allowed. */
function all(store: MockStore): User[] {
  const users: User[] = [];
  for (let pageIndex = 0; ; pageIndex++) {
    const page = store.listUsers({ pageIndex, pageSize: MAX_PAGE_SIZE });
    users.push(...page.items);
    if (users.length >= page.total || page.items.length === 0) return users;
  }
}

function activeAdmins(store: MockStore): User[] {
  return store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { roleIds: [ROLE_IDS.admin], status: ['active'] } }).items;
}

/** Leaves Alice as the only active admin. */
function onlyAliceAdmin(store: MockStore): void {
  for (const admin of activeAdmins(store)) if (admin.id !== CURRENT_ADMIN_ID) store.setUserStatus({ id: admin.id, status: 'deactivated' });
}

describe('createMockStore: fixtures', () => {
  it('given the same seed, two stores hold the same users', () => {
    expect(all(createMockStore({ seed: 5 }))).toEqual(all(createMockStore({ seed: 5 })));
  });

  it('holds 200 users, the 4 roles, 8 modules of which 3 admin-only, and 12 entities by default', () => {
    const store = createMockStore();
    expect(store.listUsers({ pageIndex: 0, pageSize: 1 }).total).toBe(200);
    expect(store.listRoles().map((r) => r.name)).toEqual(['Administrator', 'Communication', 'Communication & Signature', 'User']);
    const modules = store.listModules();
    expect(modules).toHaveLength(8);
    expect(modules.filter((m) => m.adminOnly).map((m) => m.name)).toEqual(['Pricing', 'Payment', 'User Management']);
    expect(store.listEntities({ pageIndex: 0, pageSize: 100 }).total).toBe(12);
  });

  it('reports Alice Martin as the current admin and default settings', () => {
    const settings = createMockStore().getSettings();
    expect(settings.currentUser).toEqual({ id: CURRENT_ADMIN_ID, name: 'Alice Martin', isAdmin: true, adminScope: { type: 'all' } });
    expect(settings.sso).toEqual({ enforced: false, providerName: null });
    expect(settings.invitation).toEqual({ ttlDays: 7, onExpiry: 'expire' });
    expect(settings.username).toEqual({ mode: 'none' });
    expect(settings.multiEntity).toBe(true);
  });

  it('returns copies: mutating a returned user does not change the store', () => {
    const store = createMockStore();
    const user = store.getUser({ id: 'user-jose' });
    user.firstName = 'Changed';
    user.entityIds.push('entity-acme-lyon');
    user.permissions[MODULE_IDS.documents] = 'edit';
    const again = store.getUser({ id: 'user-jose' });
    expect(again.firstName).toBe('José');
    expect(again.entityIds).toHaveLength(1);
    expect(again.permissions[MODULE_IDS.documents]).toBe('view');
  });

  it('given a reset, the store is back to its fixtures and its clock to its start', () => {
    const store = createMockStore();
    const before = all(store);
    store.removeUser({ id: 'user-jose' });
    store.clock.advance(3 * DAY_MS);
    store.reset();
    expect(all(store)).toEqual(before);
    expect(store.clock.now()).toBe(Date.UTC(2026, 0, 15, 9));
  });

  it('given a username policy, every login user has a unique username of at least 6 characters', () => {
    const store = createMockStore({ settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } });
    const logins = all(store).filter((u) => u.kind === 'login');
    expect(logins.every((u) => (u.username ?? '').length >= 6 && /^[a-z0-9]+$/.test(u.username ?? ''))).toBe(true);
    expect(new Set(logins.map((u) => u.username)).size).toBe(logins.length);
  });
});

describe('listUsers', () => {
  it('pages through all users without repeating or skipping one', () => {
    const store = createMockStore();
    const seen: string[] = [];
    for (let pageIndex = 0; pageIndex < 9; pageIndex++) seen.push(...store.listUsers({ pageIndex, pageSize: 23 }).items.map((u) => u.id));
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });

  it('sorts by last name then first name, accent- and case-insensitively, by default', () => {
    const items = all(createMockStore());
    const named = items.filter((u) => u.lastName !== '');
    const key = (u: User) => `${u.lastName} ${u.firstName}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let i = 1; i < named.length; i++) {
      const a = named[i - 1] as User;
      const b = named[i] as User;
      if (a.lastName.toLowerCase() === b.lastName.toLowerCase()) continue;
      if (/[øłßı]/i.test(a.lastName + b.lastName)) continue;
      expect(key(a).split(' ')[0]! <= key(b).split(' ')[0]!).toBe(true);
    }
  });

  it('sorts by lastSignInAt with users who never signed in last, in both directions', () => {
    const store = createMockStore();
    for (const direction of ['asc', 'desc'] as const) {
      const items = store.listUsers({ pageIndex: 0, pageSize: 1000, sort: { field: 'lastSignInAt', direction } }).items;
      const firstNull = items.findIndex((u) => u.lastSignInAt === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(items.slice(firstNull).every((u) => u.lastSignInAt === null)).toBe(true);
      const dates = items.slice(0, firstNull).map((u) => u.lastSignInAt as string);
      expect(dates).toEqual([...dates].sort((a, b) => (direction === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
    }
  });

  it('sorts by role name and by email', () => {
    const store = createMockStore();
    const roleNames = new Map(store.listRoles().map((r) => [r.id, r.name]));
    const byRole = store.listUsers({ pageIndex: 0, pageSize: 1000, sort: { field: 'role', direction: 'asc' } }).items;
    const names = byRole.filter((u) => u.roleId).map((u) => roleNames.get(u.roleId as string) as string);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(byRole.at(-1)?.kind).toBe('contact');
    const emails = store.listUsers({ pageIndex: 0, pageSize: 1000, sort: { field: 'email', direction: 'desc' } }).items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort().reverse());
  });

  it('given equal sort keys, breaks ties by id so pages are stable', () => {
    const store = createMockStore();
    const items = store.listUsers({ pageIndex: 0, pageSize: 1000, sort: { field: 'status', direction: 'asc' } }).items;
    const active = items.filter((u) => u.status === 'active').map((u) => u.id);
    expect(active).toEqual([...active].sort());
    expect(items[0]?.status).toBe('active');
  });

  it('given a search without accents, finds users whose names have them', () => {
    const store = createMockStore();
    const page = store.listUsers({ pageIndex: 0, pageSize: 50, search: 'JOSE garc' });
    expect(page.items.map((u) => u.id)).toContain('user-jose');
    expect(page.items.every((u) => /jos[eé] garc/i.test(`${u.firstName} ${u.lastName}`))).toBe(true);
    expect(store.listUsers({ pageIndex: 0, pageSize: 50, search: 'francoise.lefevre@' }).items.map((u) => u.id)).toEqual(['user-francoise']);
  });

  it('filters by status, kind, role, scope and entity', () => {
    const store = createMockStore();
    const invited = store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { status: ['invited'] } }).items;
    expect(invited.length).toBeGreaterThan(0);
    expect(invited.every((u) => u.status === 'invited')).toBe(true);
    expect(store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { kind: 'contact' } }).items.every((u) => u.kind === 'contact')).toBe(true);
    expect(store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { roleIds: [ROLE_IDS.user] } }).items.every((u) => u.roleId === ROLE_IDS.user)).toBe(true);
    expect(store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { scope: 'group' } }).items.every((u) => u.scope === 'group')).toBe(true);
  });

  it('given a group user reaching two entities, lists them in each, and their profile edit shows in both', () => {
    const store = createMockStore();
    store.updateUser({ id: 'user-francoise', patch: { scope: 'group', entityIds: ['entity-acme-paris', 'entity-acme-london'] } });
    store.updateUser({ id: 'user-francoise', patch: { phone: '+44 20 7946 0000' } });
    for (const entityId of ['entity-acme-paris', 'entity-acme-london']) {
      const found = store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { entityIds: [entityId] } }).items.find((u) => u.id === 'user-francoise');
      expect(found?.phone).toBe('+44 20 7946 0000');
    }
  });

  it('given a bad page size, refuses with a validation error', () => {
    expect(caught(() => createMockStore().listUsers({ pageIndex: 0, pageSize: 0 })).code).toBe('validation');
  });

  it('given a page size over MAX_PAGE_SIZE, refuses every listing with pageSize too_long, and serves MAX_PAGE_SIZE', () => {
    const store = createMockStore();
    const tooLong = { code: 'validation', fieldErrors: { pageSize: 'too_long' } };
    expect(caught(() => store.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE + 1 }))).toMatchObject(tooLong);
    expect(caught(() => store.listUsers({ pageIndex: 0, pageSize: 1e9, search: 'a' }))).toMatchObject(tooLong);
    expect(caught(() => store.listInvitations({ pageIndex: 0, pageSize: 10_000 }))).toMatchObject(tooLong);
    expect(caught(() => store.listEntities({ pageIndex: 0, pageSize: 10_000 }))).toMatchObject(tooLong);
    expect(caught(() => store.listUsers({ pageIndex: 0, pageSize: 1.5 })).fieldErrors).toEqual({ pageSize: 'invalid_format' });
    expect(store.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE }).items.length).toBeGreaterThan(0);
  });
});

describe('getUserCounts', () => {
  it('counts login users per status, contacts of any status, and everyone', () => {
    const store = createMockStore();
    const users = all(store);
    const counts = store.getUserCounts();
    const logins = users.filter((u) => u.kind === 'login');
    expect(counts).toEqual({
      active: logins.filter((u) => u.status === 'active').length,
      invited: logins.filter((u) => u.status === 'invited').length,
      deactivated: logins.filter((u) => u.status === 'deactivated').length,
      contacts: users.filter((u) => u.kind === 'contact').length,
      all: 200,
    });
    expect(counts.active + counts.invited + counts.deactivated + counts.contacts).toBe(counts.all);
  });

  it('given a search and an entity filter, counts the same users listUsers finds', () => {
    const store = createMockStore();
    const filter = { entityIds: ['entity-acme-france'] };
    const counts = store.getUserCounts({ search: 'a', filter });
    expect(counts.all).toBe(store.listUsers({ pageIndex: 0, pageSize: 1, search: 'a', filter }).total);
    expect(counts.contacts).toBe(store.listUsers({ pageIndex: 0, pageSize: 1, search: 'a', filter: { ...filter, kind: 'contact' } }).total);
  });
});

describe('createUser', () => {
  it('given a valid login user, creates them invited with a pending invitation of ttlDays', () => {
    const store = createMockStore();
    const { user, invitation } = store.createUser({ input: loginInput({ email: '  New.Person@ACME-group.com ' }) });
    expect(user).toMatchObject({ status: 'invited', kind: 'login', email: 'new.person@acme-group.com', source: 'manual' });
    expect(user.permissions).toEqual({ [MODULE_IDS.documents]: 'view', [MODULE_IDS.reports]: 'view' });
    expect(invitation).toMatchObject({ kind: 'invitation', status: 'pending', userId: user.id });
    expect(Date.parse(invitation?.expiresAt ?? '') - Date.parse(invitation?.sentAt ?? '')).toBe(7 * DAY_MS);
    expect(store.listInvitations({ pageIndex: 0, pageSize: 5 }).items[0]?.id).toBe(invitation?.id);
  });

  it('given an invalid email and a missing first name, refuses with field errors', () => {
    const error = caught(() => createMockStore().createUser({ input: loginInput({ email: 'not-an-email', firstName: '  ' }) }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toMatchObject({ email: 'invalid_email', firstName: 'required' });
  });

  it('given an unknown role or entity, refuses with not_found field errors', () => {
    const store = createMockStore();
    expect(caught(() => store.createUser({ input: loginInput({ roleId: 'role-nope' }) })).fieldErrors).toEqual({ roleId: 'not_found' });
    expect(caught(() => store.createUser({ input: loginInput({ entityIds: ['entity-nope'] }) })).fieldErrors).toEqual({ entityIds: 'not_found' });
  });

  it('given an entity user with two entities, refuses', () => {
    const error = caught(() => createMockStore().createUser({ input: loginInput({ entityIds: ['entity-acme-paris', 'entity-acme-lyon'] }) }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors?.entityIds).toBeDefined();
  });

  it('given an email already used, refuses with email_taken', () => {
    const error = caught(() => createMockStore().createUser({ input: loginInput({ email: 'jose.garcia@acme.es' }) }));
    expect(error).toMatchObject({ code: 'conflict', reason: 'email_taken', fieldErrors: { email: 'taken' } });
  });

  it('given a non-admin role with Pricing, refuses with admin_only_module', () => {
    const error = caught(() => createMockStore().createUser({ input: loginInput({ permissions: { [MODULE_IDS.pricing]: 'view' } }) }));
    expect(error).toMatchObject({ code: 'validation', reason: 'admin_only_module', fieldErrors: { [`permissions.${MODULE_IDS.pricing}`]: 'admin_only_module' } });
  });

  it('given a non-admin role with Pricing at its first level (no access), accepts', () => {
    const { user } = createMockStore().createUser({ input: loginInput({ permissions: { [MODULE_IDS.pricing]: 'none' } }) });
    expect(user.permissions[MODULE_IDS.pricing]).toBe('none');
  });

  it('given an admin role, grants admin-only modules and an admin scope of all entities by default', () => {
    const { user } = createMockStore().createUser({ input: loginInput({ roleId: ROLE_IDS.admin, permissions: { [MODULE_IDS.payment]: 'edit' } }) });
    expect(user.adminScope).toEqual({ type: 'all' });
    expect(user.permissions[MODULE_IDS.payment]).toBe('edit');
  });

  it('given SSO is enforced, refuses a login user but still creates a contact', () => {
    const store = createMockStore({ settings: { sso: { enforced: true, providerName: null } } });
    expect(store.getSettings().sso.providerName).toBe('Okta');
    expect(caught(() => store.createUser({ input: loginInput() }))).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    const { user, invitation } = store.createUser({ input: { kind: 'contact', email: 'c@partner.com', firstName: 'Ana', lastName: 'Lima', entityId: 'entity-acme-lisboa' } });
    expect(user).toMatchObject({ kind: 'contact', status: 'active', roleId: null, entityIds: ['entity-acme-lisboa'] });
    expect(invitation).toBeNull();
  });

  it('given allowed domains, refuses a login user of another domain', () => {
    const store = createMockStore({ allowedDomains: ['acme-group.com'] });
    expect(caught(() => store.createUser({ input: loginInput({ email: 'x@gmail.com' }) }))).toMatchObject({ code: 'validation', reason: 'email_not_allowed', fieldErrors: { email: 'not_allowed' } });
    expect(store.createUser({ input: loginInput() }).user.email).toBe('new.person@acme-group.com');
  });

  it('given a username policy, refuses a short username and a taken one', () => {
    const store = createMockStore({ settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } });
    expect(caught(() => store.createUser({ input: loginInput({ username: 'abc' }) })).fieldErrors).toEqual({ username: 'too_short' });
    const taken = store.getUser({ id: 'user-jose' }).username as string;
    expect(caught(() => store.createUser({ input: loginInput({ username: taken }) }))).toMatchObject({ code: 'conflict', reason: 'username_taken' });
  });
});

describe('updateUser', () => {
  it('given a login user changing email, keeps the old email, sets pendingEmail and sends a registration request', () => {
    const store = createMockStore();
    const { user, emailChange } = store.updateUser({ id: 'user-jose', patch: { email: 'jose.new@acme.es' } });
    expect(emailChange).toBe('registration_request_sent');
    expect(user.email).toBe('jose.garcia@acme.es');
    expect(user.pendingEmail).toBe('jose.new@acme.es');
    expect(user.invitation).toMatchObject({ kind: 'registration_request', status: 'pending' });
    const request = store.listInvitations({ pageIndex: 0, pageSize: 1000 }).items.find((i) => i.userId === 'user-jose');
    expect(request).toMatchObject({ kind: 'registration_request', email: 'jose.new@acme.es' });
    store.acceptInvitation({ id: request?.id as string });
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ email: 'jose.new@acme.es', pendingEmail: null, invitation: null });
  });

  it('given a contact changing email, changes it at once', () => {
    const { user, emailChange } = createMockStore().updateUser({ id: 'user-zoe', patch: { email: 'zoe@partner.com' } });
    expect(emailChange).toBe('none');
    expect(user.email).toBe('zoe@partner.com');
  });

  it('given a contact patched with two entities, refuses with contact_single_entity', () => {
    const error = caught(() => createMockStore().updateUser({ id: 'user-zoe', patch: { entityIds: ['entity-acme-paris', 'entity-acme-lyon'] } }));
    expect(error).toMatchObject({ code: 'validation', reason: 'contact_single_entity' });
  });

  it('given an admin demoted to User, clears their admin-only modules and admin scope', () => {
    const { user } = createMockStore().updateUser({ id: 'user-admin-2', patch: { roleId: ROLE_IDS.user } });
    expect(user.adminScope).toBeNull();
    expect(user.permissions[MODULE_IDS.pricing]).toBe('none');
    expect(user.permissions[MODULE_IDS.documents]).toBe('edit');
  });

  it('given a non-admin granted User Management, refuses with admin_only_module', () => {
    const error = caught(() => createMockStore().updateUser({ id: 'user-jose', patch: { permissions: { [MODULE_IDS.userManagement]: 'view' } } }));
    expect(error).toMatchObject({ reason: 'admin_only_module', fieldErrors: { [`permissions.${MODULE_IDS.userManagement}`]: 'admin_only_module' } });
  });

  it('given the current admin, refuses to let them demote themself or change their own admin scope (self_action)', () => {
    const store = createMockStore();
    expect(caught(() => store.updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } }))).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    const karim = store.as('user-admin-2');
    expect(caught(() => karim.updateUser({ id: 'user-admin-2', patch: { adminScope: { type: 'entities', entityIds: ['entity-acme-france'] } } })))
      .toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(store.getUser({ id: CURRENT_ADMIN_ID }).roleId).toBe(ROLE_IDS.admin);
    expect(karim.updateUser({ id: 'user-admin-2', patch: { lastName: 'Benali-Durand' } }).user.lastName).toBe('Benali-Durand');
  });

  it('given the last active admin, refuses to demote them (acting as an admin who is no longer active)', () => {
    const store = createMockStore();
    store.updateUser({ id: 'user-admin-2', patch: { adminScope: { type: 'all' } } });
    onlyAliceAdmin(store);
    expect(caught(() => store.as('user-admin-2').updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } })))
      .toMatchObject({ code: 'conflict', reason: 'last_admin' });
    expect(store.getUser({ id: CURRENT_ADMIN_ID }).roleId).toBe(ROLE_IDS.admin);
  });

  it('given an invalid patch, changes nothing', () => {
    const store = createMockStore();
    const before = store.getUser({ id: 'user-jose' });
    caught(() => store.updateUser({ id: 'user-jose', patch: { firstName: 'Pepe', entityIds: ['entity-nope'] } }));
    expect(store.getUser({ id: 'user-jose' })).toEqual(before);
  });

  it('given an unknown user, throws not_found', () => {
    expect(caught(() => createMockStore().updateUser({ id: 'nobody', patch: {} })).code).toBe('not_found');
  });
});

describe('status and removal', () => {
  it('given a deactivated user, reactivating it keeps its entities and permissions', () => {
    const store = createMockStore();
    const before = store.getUser({ id: 'user-jose' });
    store.setUserStatus({ id: 'user-jose', status: 'deactivated' });
    const after = store.setUserStatus({ id: 'user-jose', status: 'active' });
    expect(after.status).toBe('active');
    expect(after.entityIds).toEqual(before.entityIds);
    expect(after.permissions).toEqual(before.permissions);
  });

  it('given an invited user, refuses to activate them by hand', () => {
    expect(caught(() => createMockStore().setUserStatus({ id: 'user-joao', status: 'active' }))).toMatchObject({ code: 'conflict', reason: 'invalid_status_transition' });
  });

  it('given a deactivated user who never accepted, reactivating resends the invitation and leaves them invited', () => {
    const store = createMockStore();
    store.setUserStatus({ id: 'user-joao', status: 'deactivated' });
    store.clock.advance(10 * DAY_MS);
    const user = store.setUserStatus({ id: 'user-joao', status: 'active' });
    expect(user.status).toBe('invited');
    expect(user.invitation).toMatchObject({ status: 'pending', sentAt: new Date(store.clock.now()).toISOString() });
  });

  it('given the current admin, refuses to let them deactivate or remove themself', () => {
    const store = createMockStore();
    expect(caught(() => store.setUserStatus({ id: CURRENT_ADMIN_ID, status: 'deactivated' }))).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(caught(() => store.removeUser({ id: CURRENT_ADMIN_ID }))).toMatchObject({ code: 'forbidden', reason: 'self_action' });
  });

  it('given the last active admin, refuses to let another (deactivated) admin deactivate or remove them', () => {
    const store = createMockStore();
    store.updateUser({ id: 'user-admin-2', patch: { adminScope: { type: 'all' } } });
    onlyAliceAdmin(store);
    const karim = store.as('user-admin-2');
    expect(caught(() => karim.setUserStatus({ id: CURRENT_ADMIN_ID, status: 'deactivated' }))).toMatchObject({ code: 'conflict', reason: 'last_admin' });
    expect(caught(() => karim.removeUser({ id: CURRENT_ADMIN_ID }))).toMatchObject({ code: 'conflict', reason: 'last_admin' });
    expect(karim.removeUsers({ ids: [CURRENT_ADMIN_ID] }).results[0]).toMatchObject({ ok: false, error: { reason: 'last_admin' } });
  });

  it('given a contact, deactivating and reactivating toggles between deactivated and active', () => {
    const store = createMockStore();
    expect(store.setUserStatus({ id: 'user-zoe', status: 'deactivated' }).status).toBe('deactivated');
    expect(store.setUserStatus({ id: 'user-zoe', status: 'active' }).status).toBe('active');
  });

  it('given a removed user, their email can be invited again', () => {
    const store = createMockStore();
    store.removeUser({ id: 'user-jose' });
    expect(caught(() => store.getUser({ id: 'user-jose' })).code).toBe('not_found');
    const result = store.inviteUsers({ input: { emails: ['jose.garcia@acme.es'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-madrid'] } });
    expect(result.invited.map((i) => i.email)).toEqual(['jose.garcia@acme.es']);
  });

  it('given a bulk deactivation including the current admin, reports each item', () => {
    const store = createMockStore();
    const { results } = store.setUsersStatus({ ids: ['user-jose', CURRENT_ADMIN_ID, 'nobody'], status: 'deactivated' });
    expect(results[0]).toMatchObject({ id: 'user-jose', ok: true, user: { status: 'deactivated' } });
    expect(results[1]).toMatchObject({ id: CURRENT_ADMIN_ID, ok: false, error: { code: 'forbidden', reason: 'self_action' } });
    expect(results[2]).toMatchObject({ id: 'nobody', ok: false, error: { code: 'not_found' } });
  });

  it('given a bulk removal of every admin including oneself, removes the others and refuses oneself with self_action', () => {
    const store = createMockStore();
    const ids = activeAdmins(store).map((u) => u.id);
    const { results } = store.removeUsers({ ids });
    expect(results.filter((r) => r.ok)).toHaveLength(ids.length - 1);
    expect(results.find((r) => r.id === CURRENT_ADMIN_ID)).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'self_action' } });
  });

  it('given more than MAX_BULK_IDS ids, refuses the whole bulk call with ids too_long and changes nothing', () => {
    const store = createMockStore();
    const ids = ['user-jose', ...Array.from({ length: MAX_BULK_IDS }, (_, i) => `nobody-${i}`)];
    const tooLong = { code: 'validation', fieldErrors: { ids: 'too_long' } };
    expect(caught(() => store.setUsersStatus({ ids, status: 'deactivated' }))).toMatchObject(tooLong);
    expect(caught(() => store.removeUsers({ ids }))).toMatchObject(tooLong);
    expect(store.getUser({ id: 'user-jose' }).status).toBe('active');
    expect(store.setUsersStatus({ ids: ids.slice(0, MAX_BULK_IDS), status: 'deactivated' }).results).toHaveLength(MAX_BULK_IDS);
    expect(caught(() => store.removeUsers({ ids: [] }))).toMatchObject({ code: 'validation', fieldErrors: { ids: 'required' } });
  });
});

describe('inviteUsers', () => {
  const base = { roleId: ROLE_IDS.communication, entityIds: ['entity-acme-paris'] };

  it('invites valid addresses and skips the rest with their reason', () => {
    const store = createMockStore();
    const result = store.inviteUsers({
      input: {
        ...base,
        emails: ['ok.one@acme.fr', 'nope', 'OK.one@acme.fr', 'jose.garcia@acme.es', 'joao.silva@acme.es', 'someone@mailinator.com', 'ok.two@acme.fr'],
      },
    });
    expect(result.invited.map((i) => i.email)).toEqual(['ok.one@acme.fr', 'ok.two@acme.fr']);
    expect(result.skipped).toEqual([
      { email: 'nope', reason: 'invalid' },
      { email: 'OK.one@acme.fr', reason: 'duplicate' },
      { email: 'jose.garcia@acme.es', reason: 'already_member' },
      { email: 'joao.silva@acme.es', reason: 'already_invited' },
      { email: 'someone@mailinator.com', reason: 'disposable' },
    ]);
    const invitedUser = store.getUser({ id: result.invited[0]?.userId as string });
    expect(invitedUser).toMatchObject({ status: 'invited', roleId: ROLE_IDS.communication, scope: 'entity', entityIds: ['entity-acme-paris'] });
  });

  it('given names with the addresses, the invited users start with them, matched case-insensitively', () => {
    const store = createMockStore();
    const result = store.inviteUsers({
      input: { ...base, emails: ['Ana.Lima@acme.fr', 'bo@acme.fr'], names: { 'ana.lima@ACME.fr': { firstName: ' Ana ', lastName: 'Lima' } } },
    });
    const [ana, bo] = result.invited.map((i) => store.getUser({ id: i.userId }));
    expect(ana).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
    expect(bo).toMatchObject({ firstName: '', lastName: '' });
  });

  it('given a deactivated member, skips their address as already_member', () => {
    expect(createMockStore().inviteUsers({ input: { ...base, emails: ['soren.ostergaard@acme.de'] } }).skipped).toEqual([
      { email: 'soren.ostergaard@acme.de', reason: 'already_member' },
    ]);
  });

  it('given allowed domains, skips other domains as domain_not_allowed', () => {
    const store = createMockStore({ allowedDomains: ['acme.fr'] });
    const result = store.inviteUsers({ input: { ...base, emails: ['a@acme.fr', 'b@elsewhere.com'] } });
    expect(result.invited).toHaveLength(1);
    expect(result.skipped).toEqual([{ email: 'b@elsewhere.com', reason: 'domain_not_allowed' }]);
  });

  it('given SSO is enforced, skips every address as sso_enforced', () => {
    const store = createMockStore();
    store.updateSettings({ sso: { enforced: true, providerName: 'Azure AD' } });
    const result = store.inviteUsers({ input: { ...base, emails: ['a@acme.fr', 'b@acme.fr'] } });
    expect(result.invited).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['sso_enforced', 'sso_enforced']);
  });

  it('given a non-admin role with Payment, refuses the whole request', () => {
    const error = caught(() => createMockStore().inviteUsers({ input: { ...base, emails: ['a@acme.fr'], permissions: { [MODULE_IDS.payment]: 'view' } } }));
    expect(error.reason).toBe('admin_only_module');
  });

  it('given several entities and no scope, invites group users', () => {
    const result = createMockStore().inviteUsers({ input: { ...base, entityIds: ['entity-acme-paris', 'entity-acme-lyon'], emails: ['g@acme.fr'] } });
    expect(result.invited[0]?.entityIds).toEqual(['entity-acme-paris', 'entity-acme-lyon']);
  });
});

describe('invitation validity', () => {
  it('given policy expire, an invitation is pending until ttlDays then expired, and the user stays invited', () => {
    const store = createMockStore();
    const { user } = store.createUser({ input: loginInput() });
    store.clock.advance(7 * DAY_MS - 1);
    expect(store.getUser({ id: user.id }).invitation?.status).toBe('pending');
    store.clock.advance(1);
    expect(store.getUser({ id: user.id })).toMatchObject({ status: 'invited', invitation: { status: 'expired' } });
    expect(store.listInvitations({ pageIndex: 0, pageSize: 1000, status: 'expired' }).items.map((i) => i.userId)).toContain(user.id);
  });

  it('given policy deactivate, the invited user is deactivated at expiry and resending makes them invited again', () => {
    const store = createMockStore({ settings: { invitation: { ttlDays: 30, onExpiry: 'deactivate' } } });
    const { user, invitation } = store.createUser({ input: loginInput() });
    store.clock.advance(29 * DAY_MS);
    expect(store.getUser({ id: user.id }).status).toBe('invited');
    store.clock.advance(DAY_MS);
    expect(store.getUser({ id: user.id })).toMatchObject({ status: 'deactivated', invitation: { status: 'expired' } });
    expect(store.getUserCounts().deactivated).toBeGreaterThan(0);
    const resent = store.resendInvitation({ id: invitation?.id as string });
    expect(resent.status).toBe('pending');
    expect(Date.parse(resent.expiresAt)).toBe(store.clock.now() + 30 * DAY_MS);
    expect(store.getUser({ id: user.id }).status).toBe('invited');
  });

  it('given an expired invitation, resending gives a new expiry from now', () => {
    const clock = createClock();
    const store = createMockStore({ clock });
    const expired = store.listInvitations({ pageIndex: 0, pageSize: 1, status: 'expired' }).items[0];
    expect(expired).toBeDefined();
    clock.advance(DAY_MS);
    const resent = store.resendInvitation({ id: expired?.id as string });
    expect(resent).toMatchObject({ status: 'pending', sentAt: new Date(clock.now()).toISOString(), expiresAt: new Date(clock.now() + 7 * DAY_MS).toISOString() });
  });

  it('given a revoked invitation, the invited user is removed and the email is free', () => {
    const store = createMockStore();
    const invitation = store.getUser({ id: 'user-joao' }).invitation;
    store.revokeInvitation({ id: invitation?.id as string });
    expect(caught(() => store.getUser({ id: 'user-joao' })).code).toBe('not_found');
    expect(store.inviteUsers({ input: { emails: ['joao.silva@acme.es'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-lisboa'] } }).invited).toHaveLength(1);
  });

  it('given a revoked registration request, the user keeps the old email and loses the pending one', () => {
    const store = createMockStore();
    const { user } = store.updateUser({ id: 'user-jose', patch: { email: 'jose.new@acme.es' } });
    store.revokeInvitation({ id: user.invitation?.id as string });
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ email: 'jose.garcia@acme.es', pendingEmail: null, invitation: null, status: 'active' });
  });

  it('given an accepted invitation, the user becomes active', () => {
    const store = createMockStore();
    const id = store.getUser({ id: 'user-joao' }).invitation?.id as string;
    expect(store.acceptInvitation({ id })).toMatchObject({ status: 'active', invitation: null });
  });
});

describe('listEntities', () => {
  it('lists the root, then a node\u2019s children with child counts', () => {
    const store = createMockStore();
    const roots = store.listEntities({ pageIndex: 0, pageSize: 10, parentId: null });
    expect(roots.items).toEqual([{ id: ROOT_ENTITY_ID, name: 'Acme Group', kind: 'group', parentId: null, childCount: 4, ancestorIds: [] }]);
    const companies = store.listEntities({ pageIndex: 0, pageSize: 10, parentId: ROOT_ENTITY_ID });
    expect(companies.total).toBe(4);
    expect(companies.items.every((e) => e.kind === 'company')).toBe(true);
  });

  it('searches names anywhere in the tree, case- and accent-insensitively, and selects by ids', () => {
    const store = createMockStore();
    expect(store.listEntities({ pageIndex: 0, pageSize: 10, search: 'MUNCHEN' }).items.map((e) => e.name)).toEqual(['Acme München']);
    expect(store.listEntities({ pageIndex: 0, pageSize: 10, ids: ['entity-acme-paris', 'entity-acme-uk'] }).total).toBe(2);
  });

  it('given 5,000 entities, pages through a company\u2019s children', () => {
    const store = createMockStore({ entityCount: 5000 });
    expect(store.listEntities({ pageIndex: 0, pageSize: 1 }).total).toBe(5000);
    const big = store.listEntities({ pageIndex: 0, pageSize: 1000, parentId: ROOT_ENTITY_ID }).items.sort((a, b) => b.childCount - a.childCount)[0];
    const page = store.listEntities({ pageIndex: 1, pageSize: 10, parentId: big?.id as string });
    expect(page.total).toBe(big?.childCount);
    expect(page.items).toHaveLength(10);
  });
});

describe('getAccessDiagnostics', () => {
  it('returns the same recorded failures on each call, with codes that fit the user', () => {
    const store = createMockStore();
    const users = all(store).filter((u) => u.kind === 'login');
    const withFailures = users.map((u) => store.getAccessDiagnostics({ userId: u.id })).filter((d) => d.failures.length > 0);
    expect(withFailures.length).toBeGreaterThan(10);
    const first = withFailures[0];
    expect(store.getAccessDiagnostics({ userId: first?.userId as string })).toEqual(first);
    const deactivated = users.find((u) => u.status === 'deactivated' && store.getAccessDiagnostics({ userId: u.id }).failures.length > 0);
    const codes = store.getAccessDiagnostics({ userId: deactivated?.id as string }).failures.map((f) => f.code);
    expect(codes.every((c) => c === 'account_deactivated' || c === 'invalid_credentials')).toBe(true);
  });

  it('given an unknown user, throws not_found', () => {
    expect(caught(() => createMockStore().getAccessDiagnostics({ userId: 'nobody' })).code).toBe('not_found');
  });
});

describe('100,000 users', () => {
  it('lists, searches, sorts after a change and counts consistently', () => {
    const store = createMockStore({ userCount: 100_000 });
    const first = store.listUsers({ pageIndex: 0, pageSize: 50 });
    expect(first.total).toBe(100_000);
    expect(first.items).toHaveLength(50);
    store.updateUser({ id: 'user-jose', patch: { lastName: 'Aaaaa' } });
    expect(store.listUsers({ pageIndex: 0, pageSize: 1 }).items[0]?.id).toBe('user-jose');
    const counts = store.getUserCounts();
    expect(counts.all).toBe(100_000);
    expect(store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'login', status: ['active'] } }).total).toBe(counts.active);
  });
});

describe('ROOT fixtures sanity', () => {
  it('given entity users in the fixtures, each reaches exactly one entity', () => {
    const users = all(createMockStore({ seed: 11 }));
    expect(users.filter((u) => u.scope === 'entity').every((u) => u.entityIds.length === 1)).toBe(true);
  });
});

describe('subtree grants (an entity and all its sub-accounts, including future ones)', () => {
  it('given a user granted Acme France with its subtree, lists them under a sub-account created afterwards', () => {
    const store = createMockStore();
    const { user } = store.createUser({
      input: loginInput({ email: 'subtree@acme-group.com', scope: 'entity', entityIds: ['entity-acme-france'], subtreeEntityIds: ['entity-acme-france'] }),
    });
    expect(user.subtreeEntityIds).toEqual(['entity-acme-france']);
    const created = store.addEntity({ name: 'Acme Marseille', kind: 'sub_account', parentId: 'entity-acme-france' });
    const ids = (entityId: string) => store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { entityIds: [entityId] } }).items.map((u) => u.id);
    expect(ids(created.id)).toContain(user.id);
    expect(ids('entity-acme-paris')).toContain(user.id);
    expect(ids('entity-acme-madrid')).not.toContain(user.id);
    expect(store.listEntities({ parentId: 'entity-acme-france', pageIndex: 0, pageSize: 10 }).total).toBe(3);
  });

  it('given a user granted Acme France without its subtree, does not list them under its sub-accounts', () => {
    const store = createMockStore();
    const { user } = store.createUser({ input: loginInput({ email: 'flat@acme-group.com', entityIds: ['entity-acme-france'] }) });
    const paris = store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { entityIds: ['entity-acme-paris'] } }).items.map((u) => u.id);
    expect(paris).not.toContain(user.id);
  });

  it('refuses a subtree grant on an entity that is not granted, and keeps grants only for entities still granted', () => {
    const store = createMockStore();
    const error = caught(() => store.createUser({ input: loginInput({ subtreeEntityIds: ['entity-acme-uk'] }) }));
    expect(error.fieldErrors).toEqual({ subtreeEntityIds: 'invalid_format' });
    const { user } = store.createUser({
      input: loginInput({ email: 'two@acme-group.com', scope: 'group', entityIds: ['entity-acme-france', 'entity-acme-uk'], subtreeEntityIds: ['entity-acme-uk'] }),
    });
    const { user: after } = store.updateUser({ id: user.id, patch: { entityIds: ['entity-acme-france'] } });
    expect(after.subtreeEntityIds).toEqual([]);
  });

  it('given invitations with a subtree grant, the invited users and their invitations carry it', () => {
    const store = createMockStore();
    const result = store.inviteUsers({
      input: { emails: ['sub.one@acme-group.com'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-iberia'], subtreeEntityIds: ['entity-acme-iberia'] },
    });
    expect(result.invited[0]?.subtreeEntityIds).toEqual(['entity-acme-iberia']);
    expect(store.getUser({ id: result.invited[0]!.userId }).subtreeEntityIds).toEqual(['entity-acme-iberia']);
  });

  it('given a backend without subtree grants, refuses them', () => {
    const store = createMockStore({ settings: { features: { entitySubtrees: false } } });
    const error = caught(() => store.createUser({ input: loginInput({ subtreeEntityIds: ['entity-acme-paris'] }) }));
    expect(error.fieldErrors).toEqual({ subtreeEntityIds: 'not_allowed' });
  });
});

describe('updateRole', () => {
  it('changes a role preset, which new users of that role then get', () => {
    const store = createMockStore();
    const role = store.updateRole({ id: ROLE_IDS.user, patch: { defaultPermissions: { [MODULE_IDS.documents]: 'edit' } } });
    expect(role.defaultPermissions).toEqual({ [MODULE_IDS.documents]: 'edit' });
    const { user } = store.createUser({ input: loginInput({ email: 'preset@acme-group.com' }) });
    expect(user.permissions).toEqual({ [MODULE_IDS.documents]: 'edit' });
  });

  it('refuses an admin-only module in a non-admin role preset and leaves the role as it was', () => {
    const store = createMockStore();
    const before = store.listRoles().find((r) => r.id === ROLE_IDS.user);
    const error = caught(() => store.updateRole({ id: ROLE_IDS.user, patch: { defaultPermissions: { [MODULE_IDS.pricing]: 'edit' } } }));
    expect(error.reason).toBe('admin_only_module');
    expect(store.listRoles().find((r) => r.id === ROLE_IDS.user)).toEqual(before);
    expect(caught(() => store.updateRole({ id: 'role-ghost', patch: { defaultPermissions: {} } })).code).toBe('not_found');
  });
});

describe('SSO-managed fields and the group-level profile', () => {
  const ssoUser = (store: MockStore) => all(store).find((u) => u.source === 'sso' && u.kind === 'login')!;

  it('given a user created by SSO, refuses a change to a field the identity provider owns, and allows the others', () => {
    const store = createMockStore({ settings: { sso: { enforced: true, providerName: 'Okta' } } });
    const user = ssoUser(store);
    expect(user).toBeDefined();
    const error = caught(() => store.updateUser({ id: user.id, patch: { firstName: 'Changed', phone: '+33 1 23 45 67 89' } }));
    expect(error.reason).toBe('managed_by_idp');
    expect(error.fieldErrors).toEqual({ firstName: 'managed_by_idp' });
    expect(store.getUser({ id: user.id }).firstName).toBe(user.firstName);
    const { user: after } = store.updateUser({ id: user.id, patch: { firstName: user.firstName, phone: '+33 1 23 45 67 89' } });
    expect(after.phone).toBe('+33 1 23 45 67 89');
  });

  it('given settings naming the managed fields, refuses exactly those', () => {
    const store = createMockStore({ settings: { sso: { enforced: true, providerName: 'Entra ID', managedFields: ['phone'] } } });
    const user = ssoUser(store);
    expect(caught(() => store.updateUser({ id: user.id, patch: { phone: '+33 9 99 99 99 99' } })).fieldErrors).toEqual({ phone: 'managed_by_idp' });
    expect(store.updateUser({ id: user.id, patch: { lastName: 'Nouveau' } }).user.lastName).toBe('Nouveau');
  });

  it('given an admin working at entity level, refuses a group user profile change but allows an entity user one', () => {
    const store = createMockStore({ settings: { workspace: { level: 'entity', entityId: 'entity-acme-paris' } } });
    const groupUser = all(store).find((u) => u.scope === 'group' && u.kind === 'login' && u.source !== 'sso')!;
    const error = caught(() => store.updateUser({ id: groupUser.id, patch: { lastName: 'Autre' } }));
    expect(error.code).toBe('forbidden');
    expect(error.reason).toBe('group_profile_read_only');
    const entityUser = all(store).find((u) => u.scope === 'entity' && u.kind === 'login' && u.source !== 'sso' && u.entityIds[0] === 'entity-acme-paris')!;
    expect(store.updateUser({ id: entityUser.id, patch: { lastName: 'Autre' } }).user.lastName).toBe('Autre');
  });
});

describe('admin scope (acting as a scoped admin)', () => {
  // Karim Benali administers Acme Deutschland and Acme France (and their sub-accounts).
  const KARIM = 'user-admin-2';
  const IBERIA = ['entity-acme-iberia', 'entity-acme-madrid', 'entity-acme-lisboa', 'entity-acme-sao-paulo'];
  const FRANCE = ['entity-acme-france', 'entity-acme-paris', 'entity-acme-lyon'];
  const only = (allowed: string[]) => (u: User) => u.kind === 'login' && u.adminScope === null && u.entityIds.every((id) => allowed.includes(id));
  const outsider = (store: MockStore, status: User['status'] = 'active') => all(store).find((u) => only(IBERIA)(u) && u.status === status)!;
  const insider = (store: MockStore) => all(store).find((u) => only(FRANCE)(u) && u.status === 'active')!;

  it('acts as the user given: settings name them, their invitations name them as sender, an unknown user is not_found', () => {
    const store = createMockStore();
    const karim = store.as(KARIM);
    expect(karim.actorId).toBe(KARIM);
    expect(karim.getSettings().currentUser).toEqual({
      id: KARIM, name: 'Karim Benali', isAdmin: true, adminScope: { type: 'entities', entityIds: ['entity-acme-deutschland', 'entity-acme-france'] },
    });
    expect(store.getSettings().currentUser.id).toBe(CURRENT_ADMIN_ID);
    const { invitation } = karim.createUser({ input: loginInput() });
    expect(invitation?.invitedBy).toEqual({ id: KARIM, name: 'Karim Benali' });
    expect(caught(() => store.as('nobody')).code).toBe('not_found');
  });

  it('refuses to grant an entity outside the scope (create, invite, edit) with outside_scope', () => {
    const store = createMockStore();
    const karim = store.as(KARIM);
    expect(caught(() => karim.createUser({ input: loginInput({ entityIds: ['entity-acme-madrid'] }) }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(caught(() => karim.createUser({ input: { kind: 'contact', email: 'c@partner.test', firstName: 'C', lastName: 'D', entityId: 'entity-acme-uk' } })))
      .toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(caught(() => karim.inviteUsers({ input: { emails: ['new.one@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-london'] } })))
      .toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    const user = insider(store);
    expect(caught(() => karim.updateUser({ id: user.id, patch: { scope: 'group', entityIds: [...user.entityIds, 'entity-acme-uk'] } })))
      .toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(all(store).some((u) => u.email === 'new.one@acme.fr')).toBe(false);
    // Within the scope, including a sub-account: allowed.
    expect(karim.createUser({ input: loginInput({ entityIds: ['entity-acme-munchen'] }) }).user.entityIds).toEqual(['entity-acme-munchen']);
  });

  it('refuses an admin scope broader than its own with scope_too_broad, and gives new admins its own scope by default', () => {
    const store = createMockStore();
    const karim = store.as(KARIM);
    const admin = (overrides: Record<string, unknown>) => loginInput({ roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'], ...overrides });
    expect(caught(() => karim.createUser({ input: admin({ adminScope: { type: 'all' } }) }))).toMatchObject({ code: 'forbidden', reason: 'scope_too_broad' });
    expect(caught(() => karim.inviteUsers({ input: { emails: ['a@acme.fr'], roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'], adminScope: { type: 'entities', entityIds: ['entity-acme-iberia'] } } })))
      .toMatchObject({ code: 'forbidden', reason: 'scope_too_broad' });
    const { user } = karim.createUser({ input: admin({}) });
    expect(user.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-deutschland', 'entity-acme-france'] });
    const { invited } = karim.inviteUsers({ input: { emails: ['b@acme.fr'], roleId: ROLE_IDS.admin, entityIds: ['entity-acme-lyon'] } });
    expect(store.getUser({ id: invited[0]!.userId }).adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-deutschland', 'entity-acme-france'] });
    // Promoting an in-scope user without a scope given: the granting admin's own, never all.
    const promoted = karim.updateUser({ id: insider(store).id, patch: { roleId: ROLE_IDS.admin } }).user;
    expect(promoted.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-deutschland', 'entity-acme-france'] });
    expect(caught(() => karim.updateUser({ id: promoted.id, patch: { adminScope: { type: 'all' } } }))).toMatchObject({ reason: 'scope_too_broad' });
  });

  it('refuses every action on a user not wholly in the scope with outside_scope, single and bulk, and still lists them', () => {
    const store = createMockStore();
    const karim = store.as(KARIM);
    const user = outsider(store);
    const forbidden = { code: 'forbidden', reason: 'outside_scope' };
    expect(caught(() => karim.updateUser({ id: user.id, patch: { lastName: 'Autre' } }))).toMatchObject(forbidden);
    expect(caught(() => karim.setUserStatus({ id: user.id, status: 'deactivated' }))).toMatchObject(forbidden);
    expect(caught(() => karim.removeUser({ id: user.id }))).toMatchObject(forbidden);
    expect(karim.setUsersStatus({ ids: [user.id, insider(store).id], status: 'deactivated' }).results.map((r) => r.ok)).toEqual([false, true]);
    expect(karim.removeUsers({ ids: [user.id] }).results[0]).toMatchObject({ ok: false, error: forbidden });
    const invited = outsider(store, 'invited');
    expect(caught(() => karim.resendInvitation({ id: invited.invitation!.id }))).toMatchObject(forbidden);
    expect(caught(() => karim.revokeInvitation({ id: invited.invitation!.id }))).toMatchObject(forbidden);
    // A group user reaching France and Spain is not wholly in the scope.
    const mixed = store.createUser({ input: loginInput({ email: 'mixed@acme.fr', scope: 'group', entityIds: ['entity-acme-paris', 'entity-acme-madrid'] }) }).user;
    expect(caught(() => karim.updateUser({ id: mixed.id, patch: { phone: '+33 1 00 00 00 00' } }))).toMatchObject(forbidden);
    // An admin with a broader scope than Karim's is not his to administer either.
    expect(caught(() => karim.setUserStatus({ id: CURRENT_ADMIN_ID, status: 'deactivated' }))).toMatchObject(forbidden);
    expect(karim.listUsers({ pageIndex: 0, pageSize: 1 }).total).toBe(all(store).length);
    expect(store.getUser({ id: user.id }).status).toBe('active');
  });

  it('refuses to let a scoped admin widen (or change) their own scope, demote, deactivate or remove themself (self_action)', () => {
    const karim = createMockStore().as(KARIM);
    const self = { code: 'forbidden', reason: 'self_action' };
    expect(caught(() => karim.updateUser({ id: KARIM, patch: { adminScope: { type: 'all' } } }))).toMatchObject(self);
    expect(caught(() => karim.updateUser({ id: KARIM, patch: { adminScope: { type: 'entities', entityIds: ['entity-acme-france', 'entity-acme-deutschland', 'entity-acme-iberia'] } } }))).toMatchObject(self);
    expect(caught(() => karim.updateUser({ id: KARIM, patch: { roleId: ROLE_IDS.user } }))).toMatchObject(self);
    expect(caught(() => karim.setUserStatus({ id: KARIM, status: 'deactivated' }))).toMatchObject(self);
    expect(caught(() => karim.removeUser({ id: KARIM }))).toMatchObject(self);
    expect(karim.setUsersStatus({ ids: [KARIM], status: 'deactivated' }).results[0]).toMatchObject({ ok: false, error: self });
  });

  it('given a sub-account created after the scope was granted, the scoped admin administers it', () => {
    const store = createMockStore();
    const karim = store.as(KARIM);
    const created = store.addEntity({ id: 'entity-acme-marseille', name: 'Acme Marseille', kind: 'sub_account', parentId: 'entity-acme-france' });
    expect(created.ancestorIds).toEqual(['entity-acme-france', ROOT_ENTITY_ID]);
    const { user } = karim.createUser({ input: loginInput({ entityIds: ['entity-acme-marseille'] }) });
    expect(karim.setUserStatus({ id: user.id, status: 'deactivated' }).status).toBe('deactivated');
    expect(karim.listEntities({ pageIndex: 0, pageSize: 10, parentId: 'entity-acme-france' }).items.map((e) => e.id)).toContain('entity-acme-marseille');
  });

  it('lists the scope roots at the top, children and search results only within the scope, any entity by ids; each with its ancestors', () => {
    const karim = createMockStore().as(KARIM);
    const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id).sort();
    expect(ids(karim.listEntities({ pageIndex: 0, pageSize: 10, parentId: null }))).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
    expect(ids(karim.listEntities({ pageIndex: 0, pageSize: 10 }))).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
    expect(ids(karim.listEntities({ pageIndex: 0, pageSize: 10, parentId: ROOT_ENTITY_ID }))).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
    expect(karim.listEntities({ pageIndex: 0, pageSize: 10, parentId: 'entity-acme-iberia' }).total).toBe(0);
    expect(karim.listEntities({ pageIndex: 0, pageSize: 10, search: 'madrid' }).total).toBe(0);
    expect(ids(karim.listEntities({ pageIndex: 0, pageSize: 10, search: 'acme l' }))).toEqual(['entity-acme-lyon']);
    const byIds = karim.listEntities({ pageIndex: 0, pageSize: 10, ids: ['entity-acme-madrid'] }).items;
    expect(byIds).toEqual([expect.objectContaining({ id: 'entity-acme-madrid', ancestorIds: ['entity-acme-iberia', ROOT_ENTITY_ID] })]);
  });

  it('given an admin working in one entity\u2019s workspace, acts with that entity as scope', () => {
    const store = createMockStore({ settings: { workspace: { level: 'entity', entityId: 'entity-acme-france' } } });
    expect(caught(() => store.updateUser({ id: outsider(store).id, patch: { phone: '+33 1 00 00 00 00' } }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(caught(() => store.createUser({ input: loginInput({ entityIds: ['entity-acme-madrid'] }) }))).toMatchObject({ reason: 'outside_scope' });
    expect(store.setUserStatus({ id: insider(store).id, status: 'deactivated' }).status).toBe('deactivated');
    const { user } = store.createUser({ input: loginInput({ roleId: ROLE_IDS.admin }) });
    expect(user.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-france'] });
    expect(store.listEntities({ pageIndex: 0, pageSize: 10, parentId: null }).items.map((e) => e.id)).toEqual(['entity-acme-france']);
  });

  it('given an admin whose scope is not the whole tree, refuses to change a role preset (it reaches every entity)', () => {
    const store = createMockStore();
    const patch = { defaultPermissions: { [MODULE_IDS.documents]: 'edit' } };
    expect(caught(() => store.as(KARIM).updateRole({ id: ROLE_IDS.user, patch }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(store.updateRole({ id: ROLE_IDS.user, patch }).defaultPermissions).toEqual(patch.defaultPermissions);
    // At entity level the acting scope is the workspace entity, even the root one: a role changes at group level (core checkRoleEdit).
    const atRoot = createMockStore({ settings: { workspace: { level: 'entity', entityId: ROOT_ENTITY_ID } } });
    expect(caught(() => atRoot.updateRole({ id: ROLE_IDS.user, patch }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
  });

  it('given a user who is not an admin, refuses every write', () => {
    const jose = createMockStore().as('user-jose');
    expect(jose.getSettings().currentUser).toMatchObject({ id: 'user-jose', isAdmin: false, adminScope: null });
    expect(caught(() => jose.createUser({ input: loginInput() }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(caught(() => jose.setUserStatus({ id: 'user-francoise', status: 'deactivated' }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('enforced SSO', () => {
  const sso = { sso: { enforced: true, providerName: 'Okta' } };

  it('refuses to resend an invitation (forbidden, sso_enforced)', () => {
    const store = createMockStore({ settings: sso });
    const invitation = store.getUser({ id: 'user-joao' }).invitation!;
    expect(caught(() => store.resendInvitation({ id: invitation.id }))).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(store.getUser({ id: 'user-joao' }).invitation?.sentAt).toBe(invitation.sentAt);
  });

  it('reactivates a user who never accepted as active, with no invitation', () => {
    const store = createMockStore();
    store.setUserStatus({ id: 'user-joao', status: 'deactivated' });
    store.updateSettings(sso);
    const user = store.setUserStatus({ id: 'user-joao', status: 'active' });
    expect(user).toMatchObject({ status: 'active', invitation: null });
    expect(store.listInvitations({ pageIndex: 0, pageSize: 1000 }).items.some((i) => i.userId === 'user-joao')).toBe(false);
  });

  it('changes an invited user\u2019s email at once and sends no invitation', () => {
    const store = createMockStore({ settings: sso });
    const result = store.updateUser({ id: 'user-joao', patch: { email: 'joao.new@acme.es' } });
    expect(result.emailChange).toBe('none');
    expect(result.user).toMatchObject({ email: 'joao.new@acme.es', pendingEmail: null, invitation: null });
    expect(store.listInvitations({ pageIndex: 0, pageSize: 1000, search: 'joao.new' }).total).toBe(0);
  });

  it('changes an active user\u2019s email at once, without a registration request', () => {
    const store = createMockStore({ settings: sso });
    const result = store.updateUser({ id: 'user-jose', patch: { email: 'jose.new@acme.es' } });
    expect(result).toMatchObject({ emailChange: 'none', user: { email: 'jose.new@acme.es', pendingEmail: null, invitation: null } });
  });
});

describe('invite classification order', () => {
  it('given an existing member at a domain no longer allowed, skips them as already_member, not domain_not_allowed', () => {
    const store = createMockStore({ allowedDomains: ['acme.fr'], seedMembers: [{ email: 'old.timer@legacy.test', firstName: 'Old', lastName: 'Timer' }] });
    const result = store.inviteUsers({
      input: { emails: ['Jose.Garcia@acme.es', 'old.timer@legacy.test', 'joao.silva@acme.es', 'new@acme.es', 'someone@mailinator.com'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] },
    });
    expect(result.invited).toEqual([]);
    expect(result.skipped).toEqual([
      { email: 'Jose.Garcia@acme.es', reason: 'already_member' },
      { email: 'old.timer@legacy.test', reason: 'already_member' },
      { email: 'joao.silva@acme.es', reason: 'already_invited' },
      { email: 'new@acme.es', reason: 'domain_not_allowed' },
      { email: 'someone@mailinator.com', reason: 'domain_not_allowed' },
    ]);
  });

  it('seeds the members given, active, whatever the allowed domains', () => {
    const store = createMockStore({ allowedDomains: ['acme.fr'], seedMembers: [{ email: 'Old.Timer@legacy.test', firstName: 'Old', lastName: 'Timer' }] });
    const member = all(store).find((u) => u.email === 'old.timer@legacy.test');
    expect(member).toMatchObject({ kind: 'login', status: 'active', roleId: ROLE_IDS.user, entityIds: ['entity-acme-deutschland'] });
  });
});

describe('the system actor (test set-up)', () => {
  it('changes any user, the current admin included, with only the last-admin rule applying', () => {
    const store = createMockStore({ userCount: 7, settings: { workspace: { level: 'entity', entityId: 'entity-acme-paris' } } });
    const system = store.as(SYSTEM_ACTOR_ID);
    expect(system.getSettings().currentUser).toEqual({ id: SYSTEM_ACTOR_ID, name: 'System', isAdmin: true, adminScope: { type: 'all' } });
    expect(system.updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } }).user.roleId).toBe(ROLE_IDS.user);
    expect(caught(() => system.setUserStatus({ id: 'user-admin-2', status: 'deactivated' }))).toMatchObject({ code: 'conflict', reason: 'last_admin' });
  });
});

describe('versions (optimistic concurrency)', () => {
  it('gives every user and role a version that changes on every write to it, and only then', () => {
    const store = createMockStore({ userCount: 20 });
    const jose = store.getUser({ id: 'user-jose' });
    expect(typeof jose.version).toBe('string');
    expect(store.getUser({ id: 'user-jose' }).version).toBe(jose.version);
    expect(all(store).find((u) => u.id === 'user-jose')?.version).toBe(jose.version);
    const updated = store.updateUser({ id: 'user-jose', patch: { firstName: 'Joseph' } }).user;
    expect(updated.version).not.toBe(jose.version);
    const deactivated = store.setUserStatus({ id: 'user-jose', status: 'deactivated' });
    expect(deactivated.version).not.toBe(updated.version);
    expect(store.getUser({ id: 'user-jose' }).version).toBe(deactivated.version);
    // Resending an invitation changes the invited user's invitation: a new version.
    const joao = store.getUser({ id: 'user-joao' });
    store.resendInvitation({ id: joao.invitation!.id });
    expect(store.getUser({ id: 'user-joao' }).version).not.toBe(joao.version);
    const role = store.listRoles().find((r) => r.id === ROLE_IDS.communication)!;
    expect(typeof role.version).toBe('string');
    const edited = store.updateRole({ id: role.id, patch: { defaultPermissions: role.defaultPermissions } });
    expect(edited.version).not.toBe(role.version);
    expect(store.listRoles().find((r) => r.id === role.id)?.version).toBe(edited.version);
  });

  it('applies a write whose expectedVersion is current, and refuses a stale one with conflict/stale, changing nothing', () => {
    const store = createMockStore({ userCount: 20 });
    const v1 = store.getUser({ id: 'user-jose' }).version!;
    const v2 = store.updateUser({ id: 'user-jose', patch: { firstName: 'Joseph' }, expectedVersion: v1 }).user.version!;
    expect(caught(() => store.updateUser({ id: 'user-jose', patch: { firstName: 'Jo' }, expectedVersion: v1 }))).toMatchObject({ code: 'conflict', reason: 'stale' });
    expect(caught(() => store.setUserStatus({ id: 'user-jose', status: 'deactivated', expectedVersion: v1 }))).toMatchObject({ code: 'conflict', reason: 'stale' });
    expect(caught(() => store.removeUser({ id: 'user-jose', expectedVersion: v1 }))).toMatchObject({ code: 'conflict', reason: 'stale' });
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ firstName: 'Joseph', status: 'active', version: v2 });
    expect(store.setUserStatus({ id: 'user-jose', status: 'deactivated', expectedVersion: v2 }).status).toBe('deactivated');
    const v3 = store.getUser({ id: 'user-jose' }).version!;
    store.removeUser({ id: 'user-jose', expectedVersion: v3 });
    expect(caught(() => store.getUser({ id: 'user-jose' })).code).toBe('not_found');

    const role = store.listRoles().find((r) => r.id === ROLE_IDS.communication)!;
    const next = store.updateRole({ id: role.id, patch: { defaultPermissions: role.defaultPermissions }, expectedVersion: role.version });
    expect(caught(() => store.updateRole({ id: role.id, patch: { defaultPermissions: {} }, expectedVersion: role.version }))).toMatchObject({ code: 'conflict', reason: 'stale' });
    expect(store.listRoles().find((r) => r.id === role.id)).toEqual(next);
  });

  it('leaves the bulk methods without versions: they apply to whatever is there', () => {
    const store = createMockStore({ userCount: 20 });
    const before = store.getUser({ id: 'user-jose' }).version;
    const { results } = store.setUsersStatus({ ids: ['user-jose'], status: 'deactivated' });
    expect(results[0]).toMatchObject({ id: 'user-jose', ok: true });
    expect(store.getUser({ id: 'user-jose' }).version).not.toBe(before);
  });
});
