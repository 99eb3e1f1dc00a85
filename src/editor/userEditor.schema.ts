import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import type { FieldErrors as FormErrors, FieldPath, Resolver } from 'react-hook-form';
import { createContactSchema, createLoginUserSchema, TOO_LONG_KEY_BY_FIELD, userPatchSchema, VALIDATION_KEYS } from '../contract/schemas';
import type {
  AdminScope, CreateContactInput, CreateLoginUserInput, IdentityProviderField, Module, ModulePermissions, Role, User,
  UserKind, UserPatch, UserScope, UsernamePolicy,
} from '../contract/types';
import { normalizePermissions, sameAdminScope } from '../core';

/** The profile fields of a user, which SSO or the group level can make read-only. */
export type UserEditorProfileField = IdentityProviderField;

/**
 * Every profile field, in form order.
 * @example
 * USER_EDITOR_PROFILE_FIELDS.filter((field) => !editor.readOnlyFields.has(field));
 */
export const USER_EDITOR_PROFILE_FIELDS: readonly UserEditorProfileField[] = ['firstName', 'lastName', 'email', 'username', 'phone'];

/**
 * What the user editor's form holds. One shape for creating a login user, a contact, and for an
 * edit; the adapter's schemas check it once turned into the input that is sent.
 */
export interface UserEditorValues {
  kind: UserKind;
  firstName: string;
  lastName: string;
  email: string;
  /** Empty when the username policy has none. */
  username: string;
  /** Empty means none. */
  phone: string;
  /** Empty until chosen; unused for a contact. */
  roleId: string;
  /** For an admin role: every entity, or those of {@link UserEditorValues.adminScopeEntityIds}. */
  adminScopeType: AdminScope['type'];
  adminScopeEntityIds: string[];
  scope: UserScope;
  /** The entities reached; exactly one for an entity user and a contact. */
  entityIds: string[];
  /** Of `entityIds`, those granted with all their sub-accounts. */
  subtreeEntityIds: string[];
  permissions: ModulePermissions;
}

/** What decides how the form turns into an adapter input. */
export interface UserEditorContext {
  mode: 'create' | 'edit';
  policy: UsernamePolicy;
  /** The user being edited (edit mode). */
  user?: User | null;
  roles: readonly Role[];
  modules: readonly Module[];
  multiEntity: boolean;
  /** Whether phone numbers exist (`features.phone !== false`). */
  phone: boolean;
  /** Whether module access is edited (`features.modulePermissions !== false` and modules exist). */
  modulePermissions: boolean;
  /** Whether subtree grants exist (`features.entitySubtrees !== false`). */
  subtrees: boolean;
  /** Fields that cannot change (SSO, group level): never sent. */
  readOnlyFields: ReadonlySet<UserEditorProfileField>;
}

const trim = (value: string) => value.trim();
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * The values a form starts with for a user being edited (a pending new email shows as the email).
 * @example
 * form.reset(valuesFromUser(user, modules, roles));
 */
export function valuesFromUser(user: User, modules: readonly Module[], roles: readonly Role[]): UserEditorValues {
  const role = roles.find((r) => r.id === user.roleId) ?? null;
  return {
    kind: user.kind,
    firstName: user.firstName,
    lastName: user.lastName,
    // A pending change shows as the address being confirmed; saving the old one cancels it.
    email: user.pendingEmail ?? user.email,
    username: user.username ?? '',
    phone: user.phone ?? '',
    roleId: user.roleId ?? '',
    adminScopeType: user.adminScope?.type ?? 'all',
    adminScopeEntityIds: user.adminScope?.type === 'entities' ? [...user.adminScope.entityIds] : [],
    scope: user.scope,
    entityIds: [...user.entityIds],
    subtreeEntityIds: [...(user.subtreeEntityIds ?? [])],
    permissions: user.kind === 'contact' || modules.length === 0 ? {} : normalizePermissions(user.permissions, modules, role),
  };
}

/** The admin scope the form describes, for a role. */
function adminScopeOf(values: UserEditorValues, role: Role | undefined, multiEntity: boolean): AdminScope | null {
  if (!role?.isAdmin) return null;
  return values.adminScopeType === 'entities' && multiEntity ? { type: 'entities', entityIds: values.adminScopeEntityIds } : { type: 'all' };
}

/**
 * The login-user input the form describes (`CreateLoginUserInput`).
 * @example
 * adapter.createUser({ input: toCreateLoginInput(form.getValues(), context) });
 */
export function toCreateLoginInput(values: UserEditorValues, ctx: UserEditorContext): CreateLoginUserInput {
  const role = ctx.roles.find((r) => r.id === values.roleId);
  return {
    kind: 'login',
    email: values.email,
    firstName: values.firstName,
    lastName: values.lastName,
    ...(ctx.policy.mode === 'required' ? { username: values.username } : {}),
    ...(ctx.phone ? { phone: trim(values.phone) || null } : {}),
    roleId: values.roleId,
    adminScope: adminScopeOf(values, role, ctx.multiEntity),
    scope: values.scope,
    entityIds: values.entityIds,
    ...(ctx.subtrees && values.scope === 'group' ? { subtreeEntityIds: values.subtreeEntityIds.filter((id) => values.entityIds.includes(id)) } : {}),
    ...(ctx.modulePermissions ? { permissions: normalizePermissions(values.permissions, ctx.modules, role ?? null) } : {}),
  };
}

/**
 * The contact input the form describes (`CreateContactInput`: the first entity is the contact's).
 * @example
 * adapter.createUser({ input: toCreateContactInput(form.getValues(), context) });
 */
export function toCreateContactInput(values: UserEditorValues, ctx: UserEditorContext): CreateContactInput {
  return {
    kind: 'contact',
    email: values.email,
    firstName: values.firstName,
    lastName: values.lastName,
    ...(ctx.phone ? { phone: trim(values.phone) || null } : {}),
    entityId: values.entityIds[0] ?? '',
  };
}

/**
 * Only what changed, compared with the user as loaded: an edit never sends a field the admin did
 * not touch (nor a read-only one).
 * @example
 * const patch = toUserPatch(form.getValues(), context);
 * if (Object.keys(patch).length > 0) update.mutate({ id: user.id, patch });
 */
export function toUserPatch(values: UserEditorValues, ctx: UserEditorContext): UserPatch {
  const user = ctx.user;
  if (!user) return {};
  const before = valuesFromUser(user, ctx.modules, ctx.roles);
  const patch: UserPatch = {};
  const editable = (field: UserEditorProfileField) => !ctx.readOnlyFields.has(field);
  if (editable('firstName') && trim(values.firstName) !== trim(before.firstName)) patch.firstName = values.firstName;
  if (editable('lastName') && trim(values.lastName) !== trim(before.lastName)) patch.lastName = values.lastName;
  if (editable('email') && trim(values.email).toLowerCase() !== before.email.toLowerCase()) patch.email = values.email;
  if (editable('username') && ctx.policy.mode === 'required' && user.kind === 'login' && trim(values.username) !== before.username) {
    patch.username = values.username;
  }
  if (editable('phone') && ctx.phone && trim(values.phone) !== trim(before.phone)) patch.phone = trim(values.phone) || null;
  if (user.kind === 'contact') {
    if (!sameSet(values.entityIds, before.entityIds)) patch.entityIds = values.entityIds.slice(0, 1);
    return patch;
  }
  const role = ctx.roles.find((r) => r.id === values.roleId);
  if (values.roleId !== before.roleId) patch.roleId = values.roleId;
  const scope = adminScopeOf(values, role, ctx.multiEntity);
  const previousScope = user.adminScope ?? null;
  if (role?.isAdmin && !sameAdminScope(scope, previousScope)) patch.adminScope = scope;
  if (values.scope !== before.scope) patch.scope = values.scope;
  if (!sameSet(values.entityIds, before.entityIds)) patch.entityIds = values.entityIds;
  if (ctx.subtrees) {
    const subtrees = values.scope === 'group' ? values.subtreeEntityIds.filter((id) => values.entityIds.includes(id)) : [];
    if (!sameSet(subtrees, before.subtreeEntityIds)) patch.subtreeEntityIds = subtrees;
  }
  if (ctx.modulePermissions) {
    const next = normalizePermissions(values.permissions, ctx.modules, role ?? null);
    const previous = normalizePermissions(user.permissions, ctx.modules);
    if (ctx.modules.some((m) => next[m.id] !== previous[m.id])) patch.permissions = next;
  }
  return patch;
}

/**
 * Where a path of the adapter's input (or of a server error) lands in the form: `entityId` and
 * `scope` on `entityIds`, `adminScope.*` on `adminScopeEntityIds`, `permissions.<id>` on that module.
 * @example
 * editorFieldOf('adminScope.entityIds', modules); // 'adminScopeEntityIds'
 */
export function editorFieldOf(path: string, modules: readonly Module[]): FieldPath<UserEditorValues> | null {
  const [head, ...rest] = path.split('.');
  switch (head) {
    case 'firstName': case 'lastName': case 'email': case 'username': case 'phone': case 'roleId': case 'entityIds':
      return head;
    case 'entityId': case 'scope': case 'subtreeEntityIds':
      return 'entityIds';
    case 'adminScope':
      return 'adminScopeEntityIds';
    case 'permissions': {
      const id = rest.join('.');
      return id && !id.includes('.') && modules.some((m) => m.id === id) ? (`permissions.${id}` as FieldPath<UserEditorValues>) : 'permissions';
    }
    default:
      return null;
  }
}

/**
 * The form's resolver: the form is turned into what would be sent and checked with the adapter's
 * schema for it (`createLoginUserSchema(policy)`, `createContactSchema`, `userPatchSchema(policy)`);
 * errors are put back on the form's fields. Messages stay keys (`validation.*`); a field over its
 * length limit gets the key that states the limit (`validation.nameTooLong`).
 * @example
 * useForm<UserEditorValues>({ resolver: userEditorResolver(() => contextRef.current) });
 */
export function userEditorResolver(getContext: () => UserEditorContext): Resolver<UserEditorValues> {
  return async (values, context, options) => {
    const ctx = getContext();
    // Every broken rule of a field, not only the first (a username both too short and with a hyphen).
    options = { ...options, criteriaMode: 'all' };
    let result;
    if (ctx.mode === 'edit') {
      const patch = toUserPatch(values, ctx);
      result = await standardSchemaResolver(userPatchSchema(ctx.policy))(patch as never, context, options as never);
    } else if (values.kind === 'contact') {
      result = await standardSchemaResolver(createContactSchema)(toCreateContactInput(values, ctx) as never, context, options as never);
    } else {
      result = await standardSchemaResolver(createLoginUserSchema(ctx.policy))(toCreateLoginInput(values, ctx) as never, context, options as never);
    }
    const errors: Record<string, unknown> = {};
    const flat = flatten(result.errors as Record<string, unknown>);
    for (const [path, error] of flat) {
      const field = editorFieldOf(path, ctx.modules);
      if (!field) continue;
      if (field.startsWith('permissions.')) {
        const id = field.slice('permissions.'.length);
        const permissions = (errors.permissions ??= {}) as Record<string, unknown>;
        permissions[id] ??= { type: error.type, message: error.message };
      } else {
        // Too long: the message that states this field's limit ("Use at most 100 characters.").
        const limit = (message: string) => (message === VALIDATION_KEYS.tooLong ? TOO_LONG_KEY_BY_FIELD[field] ?? message : message);
        const all = [...new Set([error.message, ...error.types].map(limit))];
        // An empty field breaks its other rules only because it is empty: "required" says it all.
        const messages = all.includes(VALIDATION_KEYS.required) ? [VALIDATION_KEYS.required] : all;
        // `message` is the first broken rule; `types` lists them all (react-hook-form's criteriaMode 'all' shape).
        errors[field] ??= {
          type: error.type,
          message: messages[0],
          ...(messages.length > 1 ? { types: Object.fromEntries(messages.map((m, i) => [String(i), m])) } : {}),
        };
      }
    }
    if (Object.keys(errors).length > 0) return { values: {}, errors: errors as FormErrors<UserEditorValues> };
    return { values, errors: {} };
  };
}

type FlatError = { type: string; message: string; /** Every message of the field, the first included. */ types: string[] };

/** `{ a: { b: { message, types } } }` → `[['a.b', { message, type, types }]]`. */
function flatten(errors: Record<string, unknown>, prefix = ''): [string, FlatError][] {
  const out: [string, FlatError][] = [];
  for (const [key, value] of Object.entries(errors ?? {})) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; type?: unknown; types?: unknown };
    if (typeof v.message === 'string') {
      const types = v.types && typeof v.types === 'object' ? Object.values(v.types).filter((m): m is string => typeof m === 'string') : [];
      out.push([path, { type: String(v.type ?? 'validate'), message: v.message, types }]);
    } else out.push(...flatten(value as Record<string, unknown>, path));
  }
  return out;
}
