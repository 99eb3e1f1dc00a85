import { describe, expect, it } from 'vitest';
import type { AdminScope, Entity } from '../contract/types';
import { isUserAdminError } from '../contract/errors';
import { ancestryFromParents, checkActOnUser, checkPasswordReset, enforce, passwordResetApplies, ssoRefusal, type PasswordResetTarget, type RuleContext } from '.';

// group ─┬─ fr ─── fr-sub
//        └─ de
const ancestry = ancestryFromParents([
  { id: 'group', parentId: null },
  { id: 'fr', parentId: 'group' },
  { id: 'fr-sub', parentId: 'fr' },
  { id: 'de', parentId: 'group' },
] satisfies Pick<Entity, 'id' | 'parentId'>[]);
const onlyFr: AdminScope = { type: 'entities', entityIds: ['fr'] };
const ctxOf = (adminScope: AdminScope | null, id = 'me'): RuleContext => ({ actor: { id, isAdmin: adminScope !== null, adminScope }, ancestry });
const target = (over: Partial<PasswordResetTarget> = {}): PasswordResetTarget => ({
  id: 'u1', kind: 'login', status: 'active', entityIds: ['fr-sub'], adminScope: null, ...over,
});
const open = { ssoEnforced: false };

describe('who may be sent a password reset', () => {
  it('given an active login user the admin administers, a reset is allowed, also to the admin themself', () => {
    expect(checkPasswordReset(ctxOf({ type: 'all' }), target(), open)).toBeNull();
    expect(checkPasswordReset(ctxOf(onlyFr), target(), open)).toBeNull();
    expect(checkPasswordReset(ctxOf(onlyFr, 'u1'), target(), open)).toBeNull();
  });

  it('given a contact, an invited or a deactivated user, it is refused with conflict password_reset_not_applicable', () => {
    for (const over of [{ kind: 'contact' as const }, { status: 'invited' as const }, { status: 'deactivated' as const }]) {
      expect(checkPasswordReset(ctxOf({ type: 'all' }), target(over), open)).toMatchObject({ code: 'conflict', reason: 'password_reset_not_applicable' });
      expect(passwordResetApplies(target(over))).toBe(false);
    }
    expect(passwordResetApplies(target())).toBe(true);
  });

  it('given a user reaching an entity outside the admin scope, it is refused with forbidden outside_scope, as checkActOnUser says', () => {
    const outside = target({ entityIds: ['de'] });
    expect(checkPasswordReset(ctxOf(onlyFr), outside, open)).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    expect(checkActOnUser(ctxOf(onlyFr), outside, 'sendPasswordReset')).toMatchObject({ reason: 'outside_scope' });
  });

  it('given enforced SSO, it is refused first (forbidden sso_enforced), before the target and the scope', () => {
    const sso = { ssoEnforced: true };
    expect(checkPasswordReset(ctxOf({ type: 'all' }), target(), sso)).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(checkPasswordReset(ctxOf(onlyFr), target({ kind: 'contact', entityIds: ['de'] }), sso)).toMatchObject({ reason: 'sso_enforced' });
    expect(ssoRefusal(true, 'sendPasswordReset')).toMatchObject({ reason: 'sso_enforced' });
  });

  it('given an invited user outside the scope, the target rule answers before the scope', () => {
    expect(checkPasswordReset(ctxOf(onlyFr), target({ status: 'invited', entityIds: ['de'] }), open)).toMatchObject({ reason: 'password_reset_not_applicable' });
  });

  it('given a non-admin actor, it is refused (outside_scope) like every action on a user', () => {
    expect(checkPasswordReset(ctxOf(null), target(), open)).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
  });

  it('enforce throws the refusal as a UserAdminError with its reason', () => {
    let caught: unknown;
    try {
      enforce(checkPasswordReset(ctxOf({ type: 'all' }), target({ kind: 'contact' }), open));
    } catch (error) {
      caught = error;
    }
    expect(isUserAdminError(caught) && caught.code === 'conflict' && caught.reason === 'password_reset_not_applicable').toBe(true);
  });
});
