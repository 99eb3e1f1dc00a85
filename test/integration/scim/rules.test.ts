/**
 * The domain rules the SCIM adapter enforces (through src/core), against the real provider: a
 * SCIM provider is a directory that stores what it is sent, so every refusal here is the
 * adapter's, made before any write goes out. Self-protection on every route, the last admin,
 * enforced SSO (no resend, no invitation on reactivation or on an invited user's email change),
 * the invite classification order, and the admin scope of a scoped admin (Karim Benali, seeded
 * with France and Deutschland) acting through their own token (`actAs`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { USER_EXTENSION_URN, type ScimRequestRecord } from '../../../servers/scim';
import type { User, UserAdminAdapter } from '../../../src/contract/types';
import { LEGACY_MEMBER, createScimHarness, type ScimHarness } from './harness';
import { rejection } from '../../utils/rejection';

const X = USER_EXTENSION_URN;
const ADMIN = 'user-admin';
const SCOPED_ADMIN = 'user-admin-2';
const FRANCE = 'entity-acme-france';
const DEUTSCHLAND = 'entity-acme-deutschland';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

async function start(features: Parameters<typeof createScimHarness>[0] = {}, adapterOptions: Parameters<typeof createScimHarness>[1] = {}): Promise<ScimHarness> {
  harness = await createScimHarness(features, adapterOptions);
  return harness;
}

const writes = (list: ScimRequestRecord[]) => list.filter((r) => r.method !== 'GET');
const members = (h: ScimHarness, groupId: string) => h.server.store.groups.get(groupId)!.members.map((m) => m.value);

async function invitedUser(a: UserAdminAdapter, email: string): Promise<{ user: User; invitationId: string }> {
  const { user, invitation } = await a.createUser({
    input: { kind: 'login', email, firstName: 'Ines', lastName: 'Invited', roleId: 'role-user', scope: 'entity', entityIds: ['entity-acme-paris'] },
  });
  return { user, invitationId: invitation!.id };
}

/** A seeded active login user with at least one entity outside France and Deutschland. */
async function userOutsideScope(a: UserAdminAdapter): Promise<User> {
  const inside = new Set([FRANCE, DEUTSCHLAND, 'entity-acme-paris', 'entity-acme-lyon', 'entity-acme-munchen']);
  const { items } = await a.listUsers({ pageIndex: 0, pageSize: 200, filter: { status: ['active'], kind: 'login', roleIds: ['role-user'] } });
  const user = items.find((u) => u.entityIds.some((id) => !inside.has(id)));
  expect(user).toBeDefined();
  return user!;
}

/** A seeded active login user whose entities all lie in France or Deutschland (or their sub-accounts). */
async function userInsideScope(a: UserAdminAdapter): Promise<User> {
  const inside = new Set([FRANCE, DEUTSCHLAND, 'entity-acme-paris', 'entity-acme-lyon', 'entity-acme-munchen']);
  const { items } = await a.listUsers({ pageIndex: 0, pageSize: 200, filter: { status: ['active'], kind: 'login', roleIds: ['role-user'] } });
  const user = items.find((u) => u.entityIds.length > 0 && u.entityIds.every((id) => inside.has(id)));
  expect(user).toBeDefined();
  return user!;
}

describe('self-protection on every route (SCIM)', () => {
  it('updateUser refuses the current admin their own demotion and a change of their own admin scope; nothing is written', async () => {
    const h = await start();
    const from = h.server.requests.length;
    const demote = await rejection(h.adapter.updateUser({ id: ADMIN, patch: { roleId: 'role-user' } }));
    expect([demote.code, demote.reason]).toEqual(['forbidden', 'self_action']);
    const narrow = await rejection(h.adapter.updateUser({ id: ADMIN, patch: { adminScope: { type: 'entities', entityIds: [FRANCE] } } }));
    expect([narrow.code, narrow.reason]).toEqual(['forbidden', 'self_action']);
    expect(writes(h.server.requests.slice(from))).toEqual([]);
    expect(members(h, 'role-admin')).toContain(ADMIN);
    // Their own profile stays editable.
    const { user } = await h.adapter.updateUser({ id: ADMIN, patch: { firstName: 'Alicia' } });
    expect(user.firstName).toBe('Alicia');
  });

  it('setUserStatus, removeUser and the bulk methods refuse the current admin (self_action) and let the others through', async () => {
    const h = await start();
    expect((await rejection(h.adapter.setUserStatus({ id: ADMIN, status: 'deactivated' }))).reason).toBe('self_action');
    expect((await rejection(h.adapter.removeUser({ id: ADMIN }))).reason).toBe('self_action');
    const other = await userInsideScope(h.adapter);
    const status = await h.adapter.setUsersStatus!({ ids: [ADMIN, other.id], status: 'deactivated' });
    expect(status.results.map((r) => [r.id, r.ok, r.ok ? null : r.error.reason])).toEqual([[ADMIN, false, 'self_action'], [other.id, true, null]]);
    const removed = await h.adapter.removeUsers!({ ids: [ADMIN, other.id] });
    expect(removed.results.map((r) => [r.id, r.ok, r.ok ? null : r.error.reason])).toEqual([[ADMIN, false, 'self_action'], [other.id, true, null]]);
    expect(h.server.store.users.get(ADMIN)!.active).toBe(true);
  });

  it('the last active admin cannot be deactivated, removed nor demoted (last_admin, conflict)', async () => {
    const h = await start();
    // The acting admin always counts as an active admin, so the rule only shows when they no longer
    // do: every admin but Karim is deactivated at the provider while Alice's session still acts.
    for (const id of members(h, 'role-admin')) if (id !== SCOPED_ADMIN) h.server.store.users.get(id)!.active = false;
    for (const call of [
      () => h.adapter.setUserStatus({ id: SCOPED_ADMIN, status: 'deactivated' }),
      () => h.adapter.removeUser({ id: SCOPED_ADMIN }),
      () => h.adapter.updateUser({ id: SCOPED_ADMIN, patch: { roleId: 'role-user' } }),
    ]) {
      const error = await rejection(call());
      expect([error.code, error.reason]).toEqual(['conflict', 'last_admin']);
    }
    const bulk = await h.adapter.setUsersStatus!({ ids: [SCOPED_ADMIN], status: 'deactivated' });
    expect(bulk.results[0]).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'last_admin' } });
    expect(h.server.store.users.get(SCOPED_ADMIN)!.active).toBe(true);
    expect(members(h, 'role-admin')).toContain(SCOPED_ADMIN);
  });

  it('admin-only modules are refused for a non-admin role with the core fieldErrors, on create, invite and update', async () => {
    const h = await start();
    const permissions = { 'module-pricing': 'edit' };
    const input = { kind: 'login' as const, email: 'nina@acme.fr', firstName: 'Nina', lastName: 'N', roleId: 'role-user', scope: 'entity' as const, entityIds: ['entity-acme-paris'], permissions };
    const created = await rejection(h.adapter.createUser({ input }));
    expect([created.code, created.reason, created.fieldErrors]).toEqual(['validation', 'admin_only_module', { 'permissions.module-pricing': 'admin_only_module' }]);
    const invited = await rejection(h.adapter.inviteUsers({ input: { emails: ['nina@acme.fr'], roleId: 'role-user', entityIds: ['entity-acme-paris'], permissions } }));
    expect(invited.reason).toBe('admin_only_module');
    const jose = await userInsideScope(h.adapter);
    const updated = await rejection(h.adapter.updateUser({ id: jose.id, patch: { permissions } }));
    expect(updated.reason).toBe('admin_only_module');
  });
});

describe('enforced SSO (SCIM)', () => {
  it('resendInvitation is refused with forbidden sso_enforced, and the invitation is left as it was', async () => {
    const h = await start();
    const { user, invitationId } = await invitedUser(h.adapter, 'sso.resend@acme.fr');
    const before = structuredClone(h.server.store.users.get(user.id)![X]!.invitation);
    await h.setSsoEnforced!(true);
    const error = await rejection(h.adapter.resendInvitation({ id: invitationId }));
    expect([error.code, error.reason]).toEqual(['forbidden', 'sso_enforced']);
    expect(h.server.store.users.get(user.id)![X]!.invitation).toEqual(before);
  });

  it('reactivating a user who never accepted: invited again with a fresh invitation, or under SSO active with none', async () => {
    const h = await start();
    const day = 24 * 3600 * 1000;
    const first = await invitedUser(h.adapter, 'react.one@acme.fr');
    const second = await invitedUser(h.adapter, 'react.two@acme.fr');
    for (const { user } of [first, second]) await h.adapter.setUserStatus({ id: user.id, status: 'deactivated' });
    await h.advanceTime!(day);

    const again = await h.adapter.setUserStatus({ id: first.user.id, status: 'active' });
    expect(again.status).toBe('invited');
    expect(Date.parse(again.invitation!.expiresAt)).toBeGreaterThan(Date.parse(first.user.invitation!.expiresAt));

    await h.setSsoEnforced!(true);
    // Through the bulk method too: a PUT of the whole resource, without the invitation.
    const bulk = await h.adapter.setUsersStatus!({ ids: [second.user.id], status: 'active' });
    expect(bulk.results[0]!.ok).toBe(true);
    const active = await h.adapter.getUser({ id: second.user.id });
    expect([active.status, active.invitation]).toEqual(['active', null]);
    expect(h.server.store.users.get(second.user.id)![X]!.invitation).toBeUndefined();
    const listed = await h.adapter.listInvitations({ pageIndex: 0, pageSize: 50, search: 'react.two' });
    expect(listed.total).toBe(0);
  });

  it("an invited user's email change sends the invitation again; under SSO nothing is sent and the pending invitation goes, as in the reference store", async () => {
    const h = await start();
    const day = 24 * 3600 * 1000;
    const { user } = await invitedUser(h.adapter, 'move.one@acme.fr');
    await h.advanceTime!(day);
    const moved = await h.adapter.updateUser({ id: user.id, patch: { email: 'move.two@acme.fr' } });
    expect(moved.user.email).toBe('move.two@acme.fr');
    expect(Date.parse(moved.user.invitation!.sentAt)).toBeGreaterThan(Date.parse(user.invitation!.sentAt));

    await h.setSsoEnforced!(true);
    await h.advanceTime!(day);
    const under = await h.adapter.updateUser({ id: user.id, patch: { email: 'move.three@acme.fr' } });
    expect(under.user.email).toBe('move.three@acme.fr');
    expect(under.emailChange).toBe('none');
    expect(under.user.invitation).toBeNull();
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 100, search: 'move.' })).total).toBe(0);
  });
});

describe('invite classification in the core order (SCIM)', () => {
  it('a member whose domain is no longer allowed is already_member, not domain_not_allowed; SSO comes before invalid', async () => {
    const h = await start();
    const result = await h.adapter.inviteUsers({
      input: { emails: [LEGACY_MEMBER.email.toUpperCase(), 'new@not-acme.test', 'fresh@mailinator.com', 'ok@acme.fr', 'ok@acme.fr', 'nope'], roleId: 'role-user', entityIds: ['entity-acme-paris'] },
    });
    expect(result.skipped.map((s) => [s.email.toLowerCase(), s.reason]).sort()).toEqual(
      [
        [LEGACY_MEMBER.email, 'already_member'],
        ['new@not-acme.test', 'domain_not_allowed'],
        ['fresh@mailinator.com', 'disposable'],
        ['ok@acme.fr', 'duplicate'],
        ['nope', 'invalid'],
      ].sort(),
    );
    expect(result.invited.map((i) => i.email)).toEqual(['ok@acme.fr']);
    await h.setSsoEnforced!(true);
    const sso = await h.adapter.inviteUsers({ input: { emails: ['nope', LEGACY_MEMBER.email], roleId: 'role-user', entityIds: ['entity-acme-paris'] } });
    expect(sso.skipped.map((s) => s.reason)).toEqual(['sso_enforced', 'sso_enforced']);
  });
});

describe('core rules on the input (SCIM)', () => {
  it('under enforced SSO inviteUsers skips every address before checking role, entities or grant, and writes nothing', async () => {
    const h = await start();
    await h.setSsoEnforced!(true);
    const from = h.server.requests.length;
    const result = await h.adapter.inviteUsers({ input: { emails: ['a@acme.fr', 'nope'], roleId: 'role-ghost', entityIds: ['entity-ghost'] } });
    expect(result).toEqual({ invited: [], skipped: [{ email: 'a@acme.fr', reason: 'sso_enforced' }, { email: 'nope', reason: 'sso_enforced' }] });
    expect(writes(h.server.requests.slice(from))).toEqual([]);
  });

  it("an SSO user's IdP-managed fields come from settings.sso.managedFields (checkProfileChange), not a fixed list", async () => {
    const h = await start({}, { sso: { enforced: false, providerName: 'Okta', managedFields: ['phone'] } });
    const ext = h.server.store.users.get(LEGACY_MEMBER.id)![X] as { source: string };
    ext.source = 'sso';
    const renamed = await h.adapter.updateUser({ id: LEGACY_MEMBER.id, patch: { firstName: 'OlgA' } });
    expect(renamed.user.firstName).toBe('OlgA');
    const error = await rejection(h.adapter.updateUser({ id: LEGACY_MEMBER.id, patch: { phone: '+33 1 00 00 00 00' } }));
    expect(error).toMatchObject({ code: 'validation', reason: 'managed_by_idp', fieldErrors: { phone: 'managed_by_idp' } });
  });

  it("a login user's new address outside allowedDomains is refused by the core's login-email rule (email_not_allowed)", async () => {
    const h = await start();
    const { user } = await invitedUser(h.adapter, 'stay.here@acme.fr');
    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { email: 'gone@not-acme.test' } }));
    expect(error).toMatchObject({ code: 'validation', reason: 'email_not_allowed', fieldErrors: { email: 'not_allowed' } });
  });
});

describe('admin scope (SCIM): a scoped admin acting through their own token', () => {
  it('getSettings and listEntities: their scope from the extension, its roots and subtrees, ancestorIds on every entity', async () => {
    const h = await start();
    const karim = await h.actAs(SCOPED_ADMIN);
    const settings = await karim.getSettings();
    expect(settings.currentUser).toMatchObject({ id: SCOPED_ADMIN, isAdmin: true, adminScope: { type: 'entities', entityIds: [FRANCE, DEUTSCHLAND] } });
    expect(settings.features?.adminScope).toBe(true);
    const roots = await karim.listEntities({ parentId: null, pageIndex: 0, pageSize: 50 });
    expect(roots.items.map((e) => [e.id, e.ancestorIds])).toEqual([[FRANCE, ['entity-acme-group']], [DEUTSCHLAND, ['entity-acme-group']]]);
    const children = await karim.listEntities({ parentId: FRANCE, pageIndex: 0, pageSize: 50 });
    expect(children.items.map((e) => [e.id, e.ancestorIds])).toEqual([
      ['entity-acme-paris', [FRANCE, 'entity-acme-group']],
      ['entity-acme-lyon', [FRANCE, 'entity-acme-group']],
    ]);
    expect((await karim.listEntities({ pageIndex: 0, pageSize: 50 })).total).toBe(5);
    expect((await karim.listEntities({ parentId: 'entity-acme-iberia', pageIndex: 0, pageSize: 50 })).total).toBe(0);
    expect((await karim.listEntities({ search: 'madrid', pageIndex: 0, pageSize: 50 })).total).toBe(0);
    // A lookup by ids answers any id (a user they see may reach entities outside their scope).
    const byIds = await karim.listEntities({ ids: ['entity-acme-madrid'], pageIndex: 0, pageSize: 5 });
    expect(byIds.items.map((e) => [e.id, e.ancestorIds])).toEqual([['entity-acme-madrid', ['entity-acme-iberia', 'entity-acme-group']]]);
    // The unscoped admin sees the whole tree from its root.
    const all = await h.adapter.listEntities({ parentId: null, pageIndex: 0, pageSize: 50 });
    expect(all.items.map((e) => [e.id, e.ancestorIds])).toEqual([['entity-acme-group', []]]);
  });

  it('grants only entities in their scope (sub-accounts included), on createUser and inviteUsers; nothing is written when refused', async () => {
    const h = await start();
    const karim = await h.actAs(SCOPED_ADMIN);
    const login = (email: string, entityIds: string[]) => ({ kind: 'login' as const, email, firstName: 'S', lastName: 'Scoped', roleId: 'role-user', scope: 'entity' as const, entityIds });
    const size = h.server.store.users.size;
    const from = h.server.requests.length;
    const outside = await rejection(karim.createUser({ input: login('out@acme.es', ['entity-acme-madrid']) }));
    expect([outside.code, outside.reason, outside.fieldErrors]).toEqual(['forbidden', 'outside_scope', { entityIds: 'not_allowed' }]);
    const contact = await rejection(karim.createUser({ input: { kind: 'contact', email: 'c@partner.test', firstName: 'C', lastName: 'Contact', entityId: 'entity-acme-london' } }));
    expect(contact.reason).toBe('outside_scope');
    const invite = await rejection(karim.inviteUsers({ input: { emails: ['a@acme.es', 'b@acme.es'], roleId: 'role-user', entityIds: [FRANCE, 'entity-acme-madrid'] } }));
    expect(invite.reason).toBe('outside_scope');
    expect(writes(h.server.requests.slice(from))).toEqual([]);
    expect(h.server.store.users.size).toBe(size);
    // A sub-account of their scope is theirs.
    const { user } = await karim.createUser({ input: login('in@acme.fr', ['entity-acme-paris']) });
    expect(user.entityIds).toEqual(['entity-acme-paris']);
    const invited = await karim.inviteUsers({ input: { emails: ['in2@acme.de'], roleId: 'role-user', entityIds: ['entity-acme-munchen'] } });
    expect(invited.invited).toHaveLength(1);
  });

  it('grants no admin scope broader than their own; a new admin without one gets theirs', async () => {
    const h = await start();
    const karim = await h.actAs(SCOPED_ADMIN);
    const admin = (email: string, adminScope?: { type: 'all' } | { type: 'entities'; entityIds: string[] }) => ({
      kind: 'login' as const, email, firstName: 'A', lastName: 'Admin', roleId: 'role-admin', scope: 'entity' as const, entityIds: ['entity-acme-paris'], ...(adminScope ? { adminScope } : {}),
    });
    const broad = await rejection(karim.createUser({ input: admin('broad@acme.fr', { type: 'all' }) }));
    expect([broad.code, broad.reason]).toEqual(['forbidden', 'scope_too_broad']);
    const other = await rejection(karim.inviteUsers({ input: { emails: ['x@acme.fr'], roleId: 'role-admin', entityIds: ['entity-acme-paris'], adminScope: { type: 'entities', entityIds: ['entity-acme-uk'] } } }));
    expect(other.reason).toBe('scope_too_broad');
    const { user } = await karim.createUser({ input: admin('narrow@acme.fr') });
    expect(user.adminScope).toEqual({ type: 'entities', entityIds: [FRANCE, DEUTSCHLAND] });
    const { user: sub } = await karim.createUser({ input: admin('sub@acme.fr', { type: 'entities', entityIds: ['entity-acme-lyon'] }) });
    expect(sub.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-lyon'] });
    // Promoting a user in scope without an adminScope gives the granting admin's own.
    const inside = await userInsideScope(h.adapter);
    const promoted = await karim.updateUser({ id: inside.id, patch: { roleId: 'role-admin' } });
    expect(promoted.user.adminScope).toEqual({ type: 'entities', entityIds: [FRANCE, DEUTSCHLAND] });
    // The unscoped admin's new admins get every entity.
    const { user: full } = await h.adapter.createUser({ input: admin('full@acme.fr') });
    expect(full.adminScope).toEqual({ type: 'all' });
  });

  it('acts only on users in their scope: edit, deactivate, remove, resend and revoke are refused outside (outside_scope)', async () => {
    const h = await start();
    const karim = await h.actAs(SCOPED_ADMIN);
    const outside = await userOutsideScope(h.adapter);
    const from = h.server.requests.length;
    for (const call of [
      () => karim.updateUser({ id: outside.id, patch: { firstName: 'Nope' } }),
      () => karim.setUserStatus({ id: outside.id, status: 'deactivated' }),
      () => karim.removeUser({ id: outside.id }),
    ]) {
      const error = await rejection(call());
      expect([error.code, error.reason]).toEqual(['forbidden', 'outside_scope']);
    }
    const bulk = await karim.removeUsers!({ ids: [outside.id] });
    expect(bulk.results[0]).toMatchObject({ ok: false, error: { reason: 'outside_scope' } });
    const { invitationId } = await invitedUser(h.adapter, 'far.away@acme.fr').then(async (r) => {
      await h.adapter.updateUser({ id: r.user.id, patch: { entityIds: ['entity-acme-london'] } });
      return r;
    });
    const writesBefore = writes(h.server.requests.slice(from)).length;
    expect((await rejection(karim.resendInvitation({ id: invitationId }))).reason).toBe('outside_scope');
    expect((await rejection(karim.revokeInvitation({ id: invitationId }))).reason).toBe('outside_scope');
    expect(writes(h.server.requests.slice(from)).length).toBe(writesBefore);
    expect(h.server.store.users.get(outside.id)!.active).toBe(true);
    // Giving a user in scope an entity outside it is refused too; inside it works.
    const inside = await userInsideScope(h.adapter);
    const widen = await rejection(karim.updateUser({ id: inside.id, patch: { entityIds: [...inside.entityIds, 'entity-acme-madrid'] } }));
    expect(widen.reason).toBe('outside_scope');
    const { user } = await karim.updateUser({ id: inside.id, patch: { firstName: 'Renamed' } });
    expect(user.firstName).toBe('Renamed');
  });

  it('cannot widen their own scope, nor act on an admin whose scope is broader than theirs', async () => {
    const h = await start();
    const karim = await h.actAs(SCOPED_ADMIN);
    const widen = await rejection(karim.updateUser({ id: SCOPED_ADMIN, patch: { adminScope: { type: 'all' } } }));
    expect([widen.code, widen.reason]).toEqual(['forbidden', 'self_action']);
    const alice = await rejection(karim.setUserStatus({ id: ADMIN, status: 'deactivated' }));
    expect(alice.reason).toBe('outside_scope');
    expect(h.server.store.users.get(SCOPED_ADMIN)![X]!.adminScope).toEqual([FRANCE, DEUTSCHLAND]);
  });
});
