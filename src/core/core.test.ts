import { describe, expect, it } from 'vitest';
import type { AdminScope, Entity } from '../contract/types';
import { isUserAdminError } from '../contract/errors';
import {
  actingScope, actorOf, administers, ancestryFromParents, checkAccessChange, checkActOnUser, checkAdminOnlyModules, checkGrant,
  classifyInvitee, inviteeExisting, defaultAccess, defaultAdminScope, emailChangeOutcome, enforce, entitiesOutsideScope, entityInScope,
  INVITE_SKIP_ORDER, reactivationOutcome, sameAdminScope, scopeRoots, scopeWithin, screenInvitees, ssoRefusal, userInScope,
  checkLoginEmail, checkProfileChange, checkRoleEdit, PROFILE_FIELDS, readOnlyProfileFields,
  type RuleContext,
} from '.';

// group ─┬─ fr ─── fr-sub
//        └─ de
const tree: Pick<Entity, 'id' | 'parentId'>[] = [
  { id: 'group', parentId: null },
  { id: 'fr', parentId: 'group' },
  { id: 'fr-sub', parentId: 'fr' },
  { id: 'de', parentId: 'group' },
];
const ancestry = ancestryFromParents(tree);
const onlyFr: AdminScope = { type: 'entities', entityIds: ['fr'] };
const all: AdminScope = { type: 'all' };

const ctxOf = (adminScope: AdminScope | null, id = 'me'): RuleContext => ({ actor: { id, isAdmin: adminScope !== null, adminScope }, ancestry });
const user = (id: string, entityIds: string[], adminScope: AdminScope | null = null) => ({ id, entityIds, adminScope });

describe('admin scope containment', () => {
  it('given a scope of one company, its present sub-accounts and any added later lie in it, its siblings and parent do not', () => {
    expect(entityInScope(onlyFr, 'fr', ancestry)).toBe(true);
    expect(entityInScope(onlyFr, 'fr-sub', ancestry)).toBe(true);
    expect(entityInScope(onlyFr, 'de', ancestry)).toBe(false);
    expect(entityInScope(onlyFr, 'group', ancestry)).toBe(false);
    const later = ancestryFromParents([...tree, { id: 'fr-sub-2', parentId: 'fr-sub' }]);
    expect(entityInScope(onlyFr, 'fr-sub-2', later)).toBe(true);
  });

  it('given an unknown entity, containment is unknown rather than guessed, and counts as outside for a grant', () => {
    expect(entityInScope(onlyFr, 'ghost', ancestry)).toBeUndefined();
    expect(entitiesOutsideScope(onlyFr, ['fr-sub', 'ghost', 'de'], ancestry)).toEqual(['ghost', 'de']);
  });

  it('a scope of all contains everything, no scope contains nothing', () => {
    expect(entityInScope(all, 'ghost', ancestry)).toBe(true);
    expect(entityInScope(null, 'fr', ancestry)).toBe(false);
  });

  it('a granted scope is within the own one only when it is no broader', () => {
    expect(scopeWithin(all, onlyFr, ancestry)).toBe(false);
    expect(scopeWithin({ type: 'entities', entityIds: ['fr-sub'] }, onlyFr, ancestry)).toBe(true);
    expect(scopeWithin({ type: 'entities', entityIds: ['fr', 'de'] }, onlyFr, ancestry)).toBe(false);
    expect(scopeWithin(null, onlyFr, ancestry)).toBe(true);
    expect(scopeWithin(all, all, ancestry)).toBe(true);
  });

  it('a user is in scope only when every entity they reach is, and their own admin scope is no broader', () => {
    expect(userInScope(onlyFr, user('u', ['fr', 'fr-sub']), ancestry)).toBe(true);
    expect(userInScope(onlyFr, user('u', ['fr', 'de']), ancestry)).toBe(false);
    expect(userInScope(onlyFr, user('u', ['fr'], all), ancestry)).toBe(false);
    expect(userInScope(onlyFr, user('u', ['fr'], { type: 'entities', entityIds: ['fr-sub'] }), ancestry)).toBe(true);
    expect(userInScope(onlyFr, user('u', ['fr', 'ghost']), ancestry)).toBeUndefined();
  });

  it('the roots a scoped admin sees are the scope entities not inside another one', () => {
    expect(scopeRoots({ type: 'entities', entityIds: ['fr-sub', 'fr', 'de'] }, ancestry)).toEqual(['fr', 'de']);
    expect(scopeRoots(all, ancestry)).toBeNull();
    expect(scopeRoots(null, ancestry)).toEqual([]);
  });

  it('a new admin granted by a scoped admin gets that scope by default, never all', () => {
    expect(defaultAdminScope(onlyFr)).toEqual(onlyFr);
    expect(defaultAdminScope(all)).toEqual(all);
    expect(defaultAdminScope(null)).toEqual(all);
  });
});

describe('who may act on whom', () => {
  it('given the admin themself, deactivation and removal are refused as self_action, editing is not', () => {
    const ctx = ctxOf(all);
    expect(checkActOnUser(ctx, user('me', ['fr']), 'deactivate')).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(checkActOnUser(ctx, user('me', ['fr']), 'remove')).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(checkActOnUser(ctx, user('me', ['fr']), 'edit')).toBeNull();
  });

  it('given a user outside the scope, every action is refused as outside_scope; inside, allowed', () => {
    const ctx = ctxOf(onlyFr);
    for (const action of ['edit', 'deactivate', 'reactivate', 'remove', 'resendInvitation'] as const) {
      expect(checkActOnUser(ctx, user('u', ['de']), action)).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
      expect(checkActOnUser(ctx, user('u', ['fr-sub']), action)).toBeNull();
    }
    expect(administers(ctx, user('u', ['fr', 'de']))).toBe(false);
  });

  it('given the last active admin, deactivation and removal are refused as last_admin, after the self rule', () => {
    const ctx = ctxOf(all);
    expect(checkActOnUser(ctx, user('other', ['fr']), 'remove', { lastActiveAdmin: true })).toMatchObject({ code: 'conflict', reason: 'last_admin' });
    expect(checkActOnUser(ctx, user('other', ['fr']), 'reactivate', { lastActiveAdmin: true })).toBeNull();
    expect(checkActOnUser(ctx, user('me', ['fr']), 'remove', { lastActiveAdmin: true })?.reason).toBe('self_action');
  });

  it('a non-admin administers nobody', () => {
    expect(checkActOnUser(ctxOf(null), user('u', ['fr']), 'edit')?.reason).toBe('outside_scope');
  });
});

describe('grants and access changes', () => {
  it('refuses entities outside the scope and admin scopes broader than the own one, with the field to mark', () => {
    const ctx = ctxOf(onlyFr);
    expect(checkGrant(ctx, { entityIds: ['fr-sub'] })).toBeNull();
    expect(checkGrant(ctx, { entityIds: ['fr', 'de'] })).toMatchObject({ reason: 'outside_scope', fieldErrors: { entityIds: 'not_allowed' } });
    expect(checkGrant(ctx, { isAdminRole: true, adminScope: all, entityIds: ['fr'] })).toMatchObject({ reason: 'scope_too_broad', fieldErrors: { adminScope: 'not_allowed' } });
    expect(checkGrant(ctx, { isAdminRole: true, adminScope: { type: 'entities', entityIds: ['fr-sub'] }, entityIds: ['fr'] })).toBeNull();
    expect(checkGrant(ctxOf(all), { isAdminRole: true, adminScope: all, entityIds: ['de'] })).toBeNull();
  });

  it('refuses the admin\'s own demotion and own scope change, whatever the route', () => {
    const ctx = ctxOf(onlyFr);
    const me = user('me', ['fr'], onlyFr);
    expect(checkAccessChange(ctx, me, { wasAdmin: true, staysAdmin: false })).toMatchObject({ reason: 'self_action' });
    expect(checkAccessChange(ctx, me, { wasAdmin: true, staysAdmin: true, adminScope: all })).toMatchObject({ reason: 'self_action' });
    expect(checkAccessChange(ctx, me, { wasAdmin: true, staysAdmin: true, adminScope: { type: 'entities', entityIds: ['fr'] } })).toBeNull();
    expect(checkAccessChange(ctx, me, { wasAdmin: true, staysAdmin: true, entityIds: ['fr-sub'] })).toBeNull();
  });

  it('refuses changing a user outside the scope, granting outside it, and demoting the last admin', () => {
    const ctx = ctxOf(onlyFr);
    expect(checkAccessChange(ctx, user('u', ['de']), { wasAdmin: false, staysAdmin: false })?.reason).toBe('outside_scope');
    expect(checkAccessChange(ctx, user('u', ['fr']), { wasAdmin: false, staysAdmin: false, entityIds: ['fr', 'de'] })?.reason).toBe('outside_scope');
    expect(checkAccessChange(ctx, user('u', ['fr']), { wasAdmin: false, staysAdmin: true, adminScope: all })?.reason).toBe('scope_too_broad');
    expect(checkAccessChange(ctxOf(all), user('u', ['fr'], all), { wasAdmin: true, staysAdmin: false, lastActiveAdmin: true })?.reason).toBe('last_admin');
    expect(checkAccessChange(ctxOf(all), user('u', ['fr'], all), { wasAdmin: true, staysAdmin: false, lastActiveAdmin: false })).toBeNull();
  });

  it('compares admin scopes regardless of order and duplicates', () => {
    expect(sameAdminScope({ type: 'entities', entityIds: ['a', 'b'] }, { type: 'entities', entityIds: ['b', 'a', 'a'] })).toBe(true);
    expect(sameAdminScope(all, onlyFr)).toBe(false);
    expect(sameAdminScope(null, undefined)).toBe(true);
  });
});

describe('admin-only modules', () => {
  const modules = [
    { id: 'pricing', name: 'Pricing', adminOnly: true, levels: ['none', 'edit'] },
    { id: 'reports', name: 'Reports', adminOnly: false, levels: ['none', 'view'] },
  ];
  it('refuses an admin-only module above no access for a non-admin role, naming each module', () => {
    expect(checkAdminOnlyModules({ isAdmin: false }, { pricing: 'edit', reports: 'view' }, modules)).toMatchObject({
      code: 'validation', reason: 'admin_only_module', fieldErrors: { 'permissions.pricing': 'admin_only_module' },
    });
    expect(checkAdminOnlyModules({ isAdmin: false }, { pricing: 'none', reports: 'view' }, modules)).toBeNull();
    expect(checkAdminOnlyModules({ isAdmin: true }, { pricing: 'edit' }, modules)).toBeNull();
  });
});

describe('invite classification', () => {
  it('documents one order of reasons', () => {
    expect(INVITE_SKIP_ORDER).toEqual(['sso_enforced', 'invalid', 'duplicate', 'already_member', 'already_invited', 'domain_not_allowed', 'disposable']);
  });

  it('screens invalid and duplicate addresses before any lookup, reporting them as typed', () => {
    expect(screenInvitees([' Ana@Acme.fr ', 'nope', 'ana@acme.fr', 'bo@acme.fr'], { ssoEnforced: false })).toEqual({
      candidates: ['ana@acme.fr', 'bo@acme.fr'],
      skipped: [{ email: 'nope', reason: 'invalid' }, { email: 'ana@acme.fr', reason: 'duplicate' }],
    });
  });

  it('under enforced SSO skips every address, even an invalid one, as sso_enforced', () => {
    expect(screenInvitees(['ana@acme.fr', 'nope'], { ssoEnforced: true })).toEqual({
      candidates: [], skipped: [{ email: 'ana@acme.fr', reason: 'sso_enforced' }, { email: 'nope', reason: 'sso_enforced' }],
    });
  });

  it('names an existing person before the rules for new addresses', () => {
    expect(classifyInvitee({ existing: 'member', domainAllowed: false, disposable: true })).toBe('already_member');
    expect(classifyInvitee({ existing: 'invited', domainAllowed: false })).toBe('already_invited');
    expect(classifyInvitee({ existing: null, domainAllowed: false, disposable: true })).toBe('domain_not_allowed');
    expect(classifyInvitee({ existing: null, disposable: true })).toBe('disposable');
    expect(classifyInvitee({ existing: null })).toBeNull();
  });

  it('who holds an address: invited when not accepted yet or when it is a pending new address, else a member', () => {
    expect(inviteeExisting(null, 'ana@acme.fr')).toBeNull();
    expect(inviteeExisting({ status: 'invited', pendingEmail: null }, 'ana@acme.fr')).toBe('invited');
    expect(inviteeExisting({ status: 'active', pendingEmail: 'Ana.New@Acme.fr' }, 'ana.new@acme.fr')).toBe('invited');
    expect(inviteeExisting({ status: 'active', pendingEmail: 'other@acme.fr' }, 'ana@acme.fr')).toBe('member');
    expect(inviteeExisting({ status: 'deactivated', pendingEmail: null }, 'ana@acme.fr')).toBe('member');
  });
});

describe('email change and SSO', () => {
  it('gives each kind of user its outcome', () => {
    const base = { ssoEnforced: false, confirmation: true } as const;
    expect(emailChangeOutcome({ ...base, kind: 'login', status: 'active' })).toBe('registration_request');
    expect(emailChangeOutcome({ ...base, kind: 'login', status: 'deactivated' })).toBe('registration_request');
    expect(emailChangeOutcome({ ...base, kind: 'login', status: 'invited' })).toBe('reinvite');
    expect(emailChangeOutcome({ ...base, kind: 'contact', status: 'active' })).toBe('replace');
    expect(emailChangeOutcome({ ...base, confirmation: false, kind: 'login', status: 'active' })).toBe('replace');
  });

  it('under enforced SSO sends nothing: no resend, no invitation on email change or reactivation', () => {
    expect(emailChangeOutcome({ kind: 'login', status: 'invited', ssoEnforced: true, confirmation: true })).toBe('replace');
    expect(emailChangeOutcome({ kind: 'login', status: 'active', ssoEnforced: true, confirmation: true })).toBe('replace');
    expect(reactivationOutcome({ kind: 'login', neverAccepted: true, ssoEnforced: true })).toBe('active');
    expect(reactivationOutcome({ kind: 'login', neverAccepted: true, ssoEnforced: false })).toBe('invited');
    expect(reactivationOutcome({ kind: 'login', neverAccepted: false, ssoEnforced: false })).toBe('active');
    expect(ssoRefusal(true, 'resendInvitation')).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(ssoRefusal(false, 'resendInvitation')).toBeNull();
  });
});

describe('workspace', () => {
  const settings = (workspace: { level: 'group' } | { level: 'entity'; entityId: string }, adminScope: AdminScope | null = all) => ({
    workspace, multiEntity: true, currentUser: { id: 'me', name: 'Me', isAdmin: true, adminScope },
  });

  it('at entity level, the admin acts on that entity only and a new user is an entity user there', () => {
    const s = settings({ level: 'entity', entityId: 'fr' });
    expect(actingScope(s)).toEqual(onlyFr);
    expect(actorOf(s)).toEqual({ id: 'me', isAdmin: true, adminScope: onlyFr });
    expect(defaultAccess(s)).toEqual({ scope: 'entity', entityIds: ['fr'] });
  });

  it('at group level, an admin with all entities starts a group user with none chosen; one scoped to one entity starts in it', () => {
    expect(defaultAccess(settings({ level: 'group' }))).toEqual({ scope: 'group', entityIds: [] });
    expect(defaultAccess(settings({ level: 'group' }, onlyFr))).toEqual({ scope: 'entity', entityIds: ['fr'] });
    expect(actingScope({ ...settings({ level: 'group' }), currentUser: { isAdmin: false, adminScope: null } })).toBeNull();
  });
});

describe('enforce', () => {
  it('throws the first refusal as a UserAdminError with its reason and fields, and nothing when all allow', () => {
    expect(() => enforce(null, undefined)).not.toThrow();
    let thrown: unknown;
    try { enforce(null, checkGrant(ctxOf(onlyFr), { entityIds: ['de'] }), ssoRefusal(true, 'invite')); } catch (e) { thrown = e; }
    expect(isUserAdminError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'forbidden', reason: 'outside_scope', fieldErrors: { entityIds: 'not_allowed' } });
  });
});

describe('the core is framework-free', () => {
  it('imports no React, TanStack or i18n', async () => {
    const files = import.meta.glob('./*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    expect(Object.keys(files).length).toBeGreaterThan(5);
    for (const [file, source] of Object.entries(files)) {
      expect(source, file).not.toMatch(/from '(react|@tanstack|i18next|react-i18next)/);
    }
  });
});

describe('profile fields, login emails and role presets', () => {
  const group = { workspace: { level: 'group' as const }, sso: { enforced: false, providerName: null } };
  const atEntity = { ...group, workspace: { level: 'entity' as const, entityId: 'fr' } };

  it('at entity level a group user\'s whole profile is read-only (forbidden), an entity user\'s is not', () => {
    expect(readOnlyProfileFields(atEntity, { scope: 'group', source: 'manual' })).toEqual({ fields: PROFILE_FIELDS, reason: 'group_profile_read_only' });
    expect(checkProfileChange(atEntity, { scope: 'group', source: 'manual' }, ['phone'])).toMatchObject({ code: 'forbidden', reason: 'group_profile_read_only' });
    expect(checkProfileChange(atEntity, { scope: 'entity', source: 'manual' }, ['phone'])).toBeNull();
    expect(checkProfileChange(group, { scope: 'group', source: 'manual' }, ['phone'])).toBeNull();
  });

  it('for a user created by SSO the identity provider owns its fields, by default email and names, one field error each', () => {
    expect(checkProfileChange(group, { scope: 'entity', source: 'sso' }, ['firstName', 'phone'])).toMatchObject({
      code: 'validation', reason: 'managed_by_idp', fieldErrors: { firstName: 'managed_by_idp' },
    });
    expect(checkProfileChange(group, { scope: 'entity', source: 'sso' }, ['phone'])).toBeNull();
    const phoneOwned = { ...group, sso: { ...group.sso, managedFields: ['phone' as const] } };
    expect(checkProfileChange(phoneOwned, { scope: 'entity', source: 'sso' }, ['firstName'])).toBeNull();
    expect(checkProfileChange(phoneOwned, { scope: 'entity', source: 'sso' }, ['phone'])?.fieldErrors).toEqual({ phone: 'managed_by_idp' });
  });

  it('refuses a login email by the invitees\' domain rules, on the field named', () => {
    expect(checkLoginEmail('a@x.test', { domainAllowed: false })).toMatchObject({ code: 'validation', reason: 'email_not_allowed', fieldErrors: { email: 'not_allowed' } });
    expect(checkLoginEmail('a@x.test', { disposable: true }, 'pendingEmail')?.fieldErrors).toEqual({ pendingEmail: 'not_allowed' });
    expect(checkLoginEmail('a@x.test', { domainAllowed: true, disposable: false })).toBeNull();
  });

  it('lets only an admin of every entity change a role preset', () => {
    expect(checkRoleEdit(ctxOf(all))).toBeNull();
    expect(checkRoleEdit(ctxOf(onlyFr))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(checkRoleEdit(ctxOf(null))).not.toBeNull();
  });
});
