import { describe, expect, it } from 'vitest';
import { FIXTURE_MODULES, FIXTURE_ROLES, MODULE_IDS, ROLE_IDS, createMockStore } from '../../mocks';
import type { User } from '../contract/types';
import {
  editorFieldOf, toCreateContactInput, toCreateLoginInput, toUserPatch, userEditorResolver, valuesFromUser, type UserEditorContext,
  type UserEditorValues,
} from './userEditor.schema';

const modules = [...FIXTURE_MODULES];
const roles = [...FIXTURE_ROLES];
const store = createMockStore({ userCount: 20 });
const jose = store.getUser({ id: 'user-jose' });

function context(overrides: Partial<UserEditorContext> = {}): UserEditorContext {
  return {
    mode: 'edit', policy: { mode: 'none' }, user: jose, roles, modules, multiEntity: true, phone: true, modulePermissions: true,
    subtrees: true, readOnlyFields: new Set(), ...overrides,
  };
}

const resolve = async (values: UserEditorValues, ctx: UserEditorContext) =>
  userEditorResolver(() => ctx)(values, undefined, { fields: {}, shouldUseNativeValidation: false });

describe('the user editor form', () => {
  it('given a user loaded and nothing touched, the patch is empty', () => {
    expect(toUserPatch(valuesFromUser(jose, modules, roles), context())).toEqual({});
  });

  it('given names and a role changed, the patch holds only those, the role with its permissions', () => {
    const values = { ...valuesFromUser(jose, modules, roles), firstName: 'Josep', roleId: ROLE_IDS.communication };
    values.permissions = { ...values.permissions, [MODULE_IDS.communication]: 'on' };
    const patch = toUserPatch(values, context());
    expect(Object.keys(patch).sort()).toEqual(['firstName', 'permissions', 'roleId']);
    expect(patch.permissions?.[MODULE_IDS.communication]).toBe('on');
  });

  it('given a read-only field changed anyway, it is never sent', () => {
    const values = { ...valuesFromUser(jose, modules, roles), email: 'other@acme.es', lastName: 'Other' };
    expect(toUserPatch(values, context({ readOnlyFields: new Set(['email', 'lastName']) }))).toEqual({});
  });

  it('given the same admin scope in another order (entities ticked again), no admin-scope change is sent (core sameAdminScope)', () => {
    const karim = store.getUser({ id: 'user-admin-2' });
    expect(karim.adminScope?.type).toBe('entities');
    const own = karim.adminScope?.type === 'entities' ? karim.adminScope.entityIds : [];
    expect(own.length).toBeGreaterThan(1);
    const values = { ...valuesFromUser(karim, modules, roles), adminScopeType: 'entities' as const, adminScopeEntityIds: [...own].reverse() };
    expect(toUserPatch(values, context({ user: karim }))).toEqual({});
    const narrowed = { ...values, adminScopeEntityIds: own.slice(0, 1) };
    expect(toUserPatch(narrowed, context({ user: karim })).adminScope).toEqual({ type: 'entities', entityIds: own.slice(0, 1) });
  });

  it('given a pending email change, the form shows the new address and saving the current one cancels it', () => {
    const pending: User = { ...jose, pendingEmail: 'jose.new@acme.es' };
    const values = valuesFromUser(pending, modules, roles);
    expect(values.email).toBe('jose.new@acme.es');
    expect(toUserPatch(values, context({ user: pending }))).toEqual({});
    expect(toUserPatch({ ...values, email: jose.email }, context({ user: pending }))).toEqual({ email: jose.email });
  });

  it('a contact is created in its one entity; a login user with an admin role gets the admin scope chosen', () => {
    const values: UserEditorValues = {
      kind: 'contact', firstName: 'A', lastName: 'B', email: 'a@b.fr', username: '', phone: ' ', roleId: ROLE_IDS.admin,
      adminScopeType: 'entities', adminScopeEntityIds: ['entity-acme-uk'], scope: 'group', entityIds: ['entity-acme-uk', 'entity-acme-lyon'],
      subtreeEntityIds: ['entity-acme-uk'], permissions: {},
    };
    expect(toCreateContactInput(values, context({ mode: 'create' }))).toEqual({
      kind: 'contact', email: 'a@b.fr', firstName: 'A', lastName: 'B', phone: null, entityId: 'entity-acme-uk',
    });
    const login = toCreateLoginInput({ ...values, kind: 'login' }, context({ mode: 'create' }));
    expect(login.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-uk'] });
    expect(login.subtreeEntityIds).toEqual(['entity-acme-uk']);
    expect(toCreateLoginInput({ ...values, kind: 'login' }, context({ mode: 'create', subtrees: false })).subtreeEntityIds).toBeUndefined();
  });

  it('server and schema paths land on the form fields', () => {
    expect(editorFieldOf('entityId', modules)).toBe('entityIds');
    expect(editorFieldOf('scope', modules)).toBe('entityIds');
    expect(editorFieldOf('adminScope.entityIds', modules)).toBe('adminScopeEntityIds');
    expect(editorFieldOf(`permissions.${MODULE_IDS.payment}`, modules)).toBe(`permissions.${MODULE_IDS.payment}`);
    expect(editorFieldOf('permissions.ghost', modules)).toBe('permissions');
    expect(editorFieldOf('pageSize', modules)).toBeNull();
  });

  it('the resolver checks a contact with createContactSchema and puts a missing entity on entityIds', async () => {
    const values: UserEditorValues = {
      kind: 'contact', firstName: 'A', lastName: 'B', email: 'not-an-email', username: '', phone: '', roleId: '', adminScopeType: 'all',
      adminScopeEntityIds: [], scope: 'entity', entityIds: [], subtreeEntityIds: [], permissions: {},
    };
    const result = await resolve(values, context({ mode: 'create' }));
    expect(result.errors.entityIds?.message).toBe('validation.entityRequired');
    expect(result.errors.email?.message).toBe('validation.email');
    expect(result.errors.roleId).toBeUndefined();
  });

  it('the resolver checks an edit with userPatchSchema: only what changed, under the username policy', async () => {
    const policy = { mode: 'required' as const, minLength: 6, charset: 'alphanumeric' as const };
    const values = { ...valuesFromUser(jose, modules, roles), username: 'j-g' };
    const result = await resolve(values, context({ policy }));
    expect(Object.keys(result.errors)).toEqual(['username']);
    expect(result.errors.username?.message).toBe('validation.usernameTooShort');
    // Every broken rule, not only the first: too short and not only letters or digits.
    expect(Object.values(result.errors.username?.types ?? {})).toEqual(['validation.usernameTooShort', 'validation.usernameCharset']);
  });

  it('given a name, phone or username over its limit, the error is the message that states the limit', async () => {
    const policy = { mode: 'required', minLength: 3, charset: 'alphanumeric' } as const;
    const values = {
      ...valuesFromUser(jose, modules, roles), firstName: 'a'.repeat(101), lastName: 'b'.repeat(100_000), phone: '1'.repeat(40), username: 'u'.repeat(65),
    };
    const result = await resolve(values, context({ policy }));
    expect(result.errors.firstName?.message).toBe('validation.nameTooLong');
    expect(result.errors.lastName?.message).toBe('validation.nameTooLong');
    expect(result.errors.phone?.message).toBe('validation.phoneTooLong');
    const created = await resolve({ ...values, kind: 'login', username: 'u'.repeat(65) }, context({ mode: 'create', policy }));
    expect(created.errors.username?.message).toBe('validation.usernameTooLong');
  });
});
