import { describe, expect, it } from 'vitest';
import type { Entity, Role, Settings, User } from '../../contract/types';
import { actingRulesOf } from '../../entities/useActingRules';
import { getActionAvailability, isOutsideScope, USER_ROW_ACTIONS, type ActionGuardContext } from './guards';

const ADMIN_ROLE: Role = { id: 'admin', name: 'Administrator', description: null, isAdmin: true, defaultPermissions: {} };
const USER_ROLE: Role = { id: 'user', name: 'User', description: null, isAdmin: false, defaultPermissions: {} };
const rolesById = new Map([ADMIN_ROLE, USER_ROLE].map((role) => [role.id, role]));

// group → france → paris; group → spain
const ENTITIES: Entity[] = [
  { id: 'group', name: 'Group', kind: 'group', parentId: null, childCount: 2, ancestorIds: [] },
  { id: 'france', name: 'France', kind: 'company', parentId: 'group', childCount: 1, ancestorIds: ['group'] },
  { id: 'paris', name: 'Paris', kind: 'sub_account', parentId: 'france', childCount: 0, ancestorIds: ['france', 'group'] },
  { id: 'spain', name: 'Spain', kind: 'company', parentId: 'group', childCount: 0, ancestorIds: ['group'] },
];

function settingsOf(overrides: Partial<Settings> = {}, adminScope: Settings['currentUser']['adminScope'] = { type: 'entities', entityIds: ['france'] }): Settings {
  return {
    currentUser: { id: 'me', name: 'Me', isAdmin: true, adminScope },
    sso: { enforced: false, providerName: null },
    invitation: { ttlDays: 7, onExpiry: 'expire' },
    username: { mode: 'none' },
    multiEntity: true,
    ...overrides,
  };
}

function userOf(overrides: Partial<User>): User {
  return {
    id: 'u', kind: 'login', status: 'active', email: 'u@acme.test', username: null, firstName: 'U', lastName: 'Ser', phone: null,
    roleId: 'user', adminScope: null, scope: 'entity', entityIds: ['paris'], permissions: {}, source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z', lastSignInAt: null, invitation: null, pendingEmail: null, ...overrides,
  };
}

function contextOf(settings: Settings, extra: Partial<ActionGuardContext> = {}): ActionGuardContext {
  return { settings, rolesById, activeAdminCount: 3, canEdit: true, rules: actingRulesOf(settings, ENTITIES).rules!, ...extra };
}

describe('getActionAvailability with a scoped admin (the core decides)', () => {
  const settings = settingsOf();

  it('a user reaching an entity outside the admin scope is read-only: edit, deactivate and remove disabled with outside_scope', () => {
    const outside = userOf({ id: 'outside', entityIds: ['paris', 'spain'] });
    const context = contextOf(settings);
    expect(isOutsideScope(outside, context)).toBe(true);
    for (const action of ['edit', 'deactivate', 'remove'] as const) {
      expect(getActionAvailability(outside, action, context)).toEqual({ visible: true, allowed: false, reason: 'outside_scope' });
    }
    const deactivated = userOf({ id: 'outside', status: 'deactivated', entityIds: ['spain'] });
    expect(getActionAvailability(deactivated, 'reactivate', context)).toEqual({ visible: true, allowed: false, reason: 'outside_scope' });
  });

  it('a user within the scope (a sub-account of a scope entity) can be acted on', () => {
    const inside = userOf({ id: 'inside', entityIds: ['paris'] });
    const context = contextOf(settings);
    expect(isOutsideScope(inside, context)).toBe(false);
    for (const action of ['edit', 'deactivate', 'remove'] as const) {
      expect(getActionAvailability(inside, action, context)).toEqual({ visible: true, allowed: true, reason: null });
    }
  });

  it('an admin with a broader admin scope than the acting admin is outside it', () => {
    const broader = userOf({ id: 'broad', roleId: 'admin', entityIds: ['paris'], adminScope: { type: 'all' } });
    expect(getActionAvailability(broader, 'remove', contextOf(settings)).reason).toBe('outside_scope');
  });

  it('self comes first: the admin cannot deactivate or remove themself', () => {
    const me = userOf({ id: 'me', roleId: 'admin', entityIds: ['france'], adminScope: { type: 'entities', entityIds: ['france'] } });
    const context = contextOf(settings);
    expect(getActionAvailability(me, 'deactivate', context)).toEqual({ visible: true, allowed: false, reason: 'self_action' });
    expect(getActionAvailability(me, 'remove', context)).toEqual({ visible: true, allowed: false, reason: 'self_action' });
    expect(getActionAvailability(me, 'edit', context).allowed).toBe(true);
  });

  it('the last active admin within the scope cannot be deactivated or removed', () => {
    const admin = userOf({ id: 'other-admin', roleId: 'admin', entityIds: ['paris'], adminScope: { type: 'entities', entityIds: ['paris'] } });
    const context = contextOf(settings, { activeAdminCount: 1 });
    expect(getActionAvailability(admin, 'deactivate', context)).toEqual({ visible: true, allowed: false, reason: 'last_admin' });
  });

  it('at entity level the acting scope is the workspace entity, whatever the admin scope', () => {
    const atFrance = settingsOf({ workspace: { level: 'entity', entityId: 'france' } }, { type: 'all' });
    const spaniard = userOf({ id: 'spaniard', entityIds: ['spain'] });
    expect(getActionAvailability(spaniard, 'edit', contextOf(atFrance)).reason).toBe('outside_scope');
    expect(getActionAvailability(userOf({ entityIds: ['paris'] }), 'edit', contextOf(atFrance)).allowed).toBe(true);
  });

  it('an entity the backend did not return to a scoped admin counts as outside the scope; an unknown ancestry is left to the backend', () => {
    const hidden = { ...contextOf(settings), rules: actingRulesOf(settings, ENTITIES.filter((e) => e.id !== 'spain'), ['spain']).rules! };
    expect(getActionAvailability(userOf({ entityIds: ['spain'] }), 'remove', hidden).reason).toBe('outside_scope');
    const unknown = { ...contextOf(settings), rules: actingRulesOf(settings, []).rules! };
    expect(getActionAvailability(userOf({ entityIds: ['madrid'] }), 'remove', unknown).allowed).toBe(true);
  });
});

describe('getActionAvailability under enforced SSO', () => {
  it('offers no resend of an invitation (row), whatever the scope', () => {
    const settings = settingsOf({ sso: { enforced: true, providerName: 'Okta' } }, { type: 'all' });
    const invited = userOf({
      status: 'invited',
      invitation: { id: 'inv', kind: 'invitation', status: 'pending', sentAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-08T00:00:00.000Z' },
    });
    expect(getActionAvailability(invited, 'resendInvitation', contextOf(settings)).visible).toBe(false);
    const visible = USER_ROW_ACTIONS.filter((action) => getActionAvailability(invited, action, contextOf(settings)).visible);
    expect(visible).not.toContain('resendInvitation');
    const withoutSso = settingsOf({}, { type: 'all' });
    expect(getActionAvailability(invited, 'resendInvitation', contextOf(withoutSso))).toEqual({ visible: true, allowed: true, reason: null });
  });
});

describe('getActionAvailability of sendPasswordReset', () => {
  const withReset = (settings: Settings) => contextOf(settings, { passwordReset: true });

  it('given an adapter with the method, offers it for an active login user in scope, also the admin themself', () => {
    const settings = settingsOf();
    expect(getActionAvailability(userOf({}), 'sendPasswordReset', withReset(settings))).toEqual({ visible: true, allowed: true, reason: null });
    expect(getActionAvailability(userOf({ id: 'me' }), 'sendPasswordReset', withReset(settings)).allowed).toBe(true);
  });

  it('given an adapter without the method (the default), hides it', () => {
    expect(getActionAvailability(userOf({}), 'sendPasswordReset', contextOf(settingsOf())).visible).toBe(false);
    expect(getActionAvailability(userOf({}), 'sendPasswordReset', contextOf(settingsOf(), { passwordReset: false })).visible).toBe(false);
  });

  it('hides it for a contact, an invited user (who gets resend instead) and a deactivated one (reactivate first)', () => {
    const settings = settingsOf();
    const invited = userOf({ status: 'invited', invitation: { id: 'inv', kind: 'invitation', status: 'pending', sentAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-08T00:00:00.000Z' } });
    for (const user of [userOf({ kind: 'contact', roleId: null }), invited, userOf({ status: 'deactivated' })]) {
      expect(getActionAvailability(user, 'sendPasswordReset', withReset(settings)).visible).toBe(false);
    }
    expect(getActionAvailability(invited, 'resendInvitation', withReset(settings)).visible).toBe(true);
  });

  it('under enforced SSO, hides it for everyone', () => {
    const settings = settingsOf({ sso: { enforced: true, providerName: 'Okta' } }, { type: 'all' });
    expect(getActionAvailability(userOf({}), 'sendPasswordReset', withReset(settings)).visible).toBe(false);
  });

  it('given a user outside the admin scope, shows it disabled with outside_scope', () => {
    expect(getActionAvailability(userOf({ entityIds: ['spain'] }), 'sendPasswordReset', withReset(settingsOf()))).toEqual({ visible: true, allowed: false, reason: 'outside_scope' });
  });

  it('comes right after resendInvitation in the menu order', () => {
    expect(USER_ROW_ACTIONS.slice(0, 3)).toEqual(['edit', 'resendInvitation', 'sendPasswordReset']);
  });
});
