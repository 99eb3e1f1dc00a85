/**
 * The user, role and entity writes of the reference backend (see `./store`): create, update,
 * status, remove, bulk, role presets and entities. Every rule is checked through `./store-rules`
 * and `src/core`; the invitation writes are in `./store-invites`.
 */
import * as z from 'zod/mini';
import { UserAdminError, type FieldErrors } from '../src/contract/errors';
import { createUserSchema, modulePermissionsSchema, userPatchSchema } from '../src/contract/schemas';
import type {
  AdminScope, BulkResult, CreateUserInput, CreateUserResult, Entity, EntityKind, IdentityProviderField, Role, RolePatch, UpdateUserResult, User, UserPatch,
} from '../src/contract/types';
import {
  PROFILE_FIELDS, checkAccessChange, checkActOnUser, checkGrant, checkProfileChange, checkRoleEdit, checkVersion, clearAdminOnly, defaultAdminScope,
  emailChangeOutcome, enforce, reactivationOutcome, ssoRefusal,
} from '../src/core';
import {
  bumpRoleVersion, changeEmail, deleteUser, dropInvitation, indexKeys, insertUser, iso, mustUser, neverAccepted, nextId, sortEntities, toEntity, toInvitation,
  toUser, touch, type StoreState, type UserRec,
} from './store-records';
import { sendInvitation } from './store-invites';
import {
  checkAdminScope, checkEmailFree, checkEntities, checkLoginEmail, checkPermissions, checkScope, checkSubtrees, checkUsername, ctx,
  lastActiveAdmin, mustRole, parseOrThrow, validation,
} from './store-rules';
import { foldText } from './text';

/** The user, after refusing a write that carries a version other than theirs (`conflict`, `stale`), before anything changes. */
function mustCurrentUser(state: StoreState, id: string, expectedVersion: string | undefined): UserRec {
  const rec = mustUser(state, id);
  enforce(checkVersion(expectedVersion, String(rec.version)));
  return rec;
}

export function setStatus(state: StoreState, id: string, status: 'active' | 'deactivated', expectedVersion?: string): User {
  const rec = mustCurrentUser(state, id, expectedVersion);
  const u = rec.user;
  if (status === 'deactivated') {
    enforce(checkActOnUser(ctx(state), u, 'deactivate', { lastActiveAdmin: lastActiveAdmin(state, rec) }));
    if (u.status === 'deactivated') return toUser(state, rec);
    u.status = 'deactivated';
    touch(state, rec);
    return toUser(state, rec);
  }
  enforce(checkActOnUser(ctx(state), u, 'reactivate'));
  if (u.status === 'active') return toUser(state, rec);
  if (u.status === 'invited') {
    throw new UserAdminError('conflict', 'An invited user becomes active by accepting the invitation', { reason: 'invalid_status_transition' });
  }
  const never = neverAccepted(state, rec);
  if (reactivationOutcome({ kind: u.kind, neverAccepted: never, ssoEnforced: state.settings.sso.enforced }) === 'invited') {
    sendInvitation(state, rec, 'invitation');
    u.status = 'invited';
  } else {
    // Under enforced SSO a user who never accepted signs in through the identity provider: no invitation.
    if (never) dropInvitation(state, rec);
    u.status = 'active';
  }
  touch(state, rec);
  return toUser(state, rec);
}

export function remove(state: StoreState, id: string, expectedVersion?: string): void {
  const rec = mustCurrentUser(state, id, expectedVersion);
  enforce(checkActOnUser(ctx(state), rec.user, 'remove', { lastActiveAdmin: lastActiveAdmin(state, rec) }));
  deleteUser(state, rec);
}

export function bulk(ids: string[], run: (id: string) => User | undefined): BulkResult {
  return {
    results: ids.map((id) => {
      try {
        const user = run(id);
        return user ? { id, ok: true as const, user } : { id, ok: true as const };
      } catch (error) {
        if (!(error instanceof UserAdminError)) throw error;
        return { id, ok: false as const, error: error.toJSON() };
      }
    }),
  };
}

export function createUser(state: StoreState, input: CreateUserInput): CreateUserResult {
  const { settings } = state;
  if (input?.kind === 'login') enforce(ssoRefusal(settings.sso.enforced, 'createLoginUser'));
  const parsed = parseOrThrow(createUserSchema(settings.username), input);
  const now = state.clock.now();
  const context = ctx(state);
  if (parsed.kind === 'contact') {
    checkEntities(state, [parsed.entityId], 'entityId');
    enforce(checkGrant(context, { entityIds: [parsed.entityId] }));
    checkEmailFree(state, parsed.email, null);
    const rec = insertUser(state, {
      id: nextId(state, 'user'), kind: 'contact', status: 'active', email: parsed.email, username: null,
      firstName: parsed.firstName, lastName: parsed.lastName, phone: parsed.phone || null, roleId: null, adminScope: null,
      scope: 'entity', entityIds: [parsed.entityId], permissions: {}, source: 'manual', createdAt: iso(now),
      lastSignInAt: null, invitation: null, pendingEmail: null,
    });
    return { user: toUser(state, rec), invitation: null };
  }
  const role = mustRole(state, parsed.roleId);
  checkEntities(state, parsed.entityIds, 'entityIds');
  checkScope(parsed.scope, parsed.entityIds);
  const subtreeEntityIds = checkSubtrees(state, parsed.subtreeEntityIds, parsed.entityIds);
  checkAdminScope(state, parsed.adminScope, role);
  const adminScope = role.isAdmin ? (parsed.adminScope ?? defaultAdminScope(context.actor.adminScope)) : null;
  enforce(checkGrant(context, { isAdminRole: role.isAdmin, entityIds: parsed.entityIds, ...(adminScope ? { adminScope } : {}) }));
  const permissions = parsed.permissions ?? { ...role.defaultPermissions };
  checkPermissions(state, permissions, role);
  checkLoginEmail(state, parsed.email);
  checkEmailFree(state, parsed.email, null);
  const username = checkUsername(state, parsed.username, null);
  const rec = insertUser(state, {
    id: nextId(state, 'user'), kind: 'login', status: 'invited', email: parsed.email, username,
    firstName: parsed.firstName, lastName: parsed.lastName, phone: parsed.phone || null, roleId: role.id,
    adminScope, scope: parsed.scope,
    entityIds: [...new Set(parsed.entityIds)], subtreeEntityIds, permissions, source: 'manual', createdAt: iso(now),
    lastSignInAt: null, invitation: null, pendingEmail: null,
  });
  const inv = sendInvitation(state, rec, 'invitation');
  return { user: toUser(state, rec), invitation: toInvitation(state, inv) };
}

export function updateUser(state: StoreState, id: string, rawPatch: UserPatch, expectedVersion?: string): UpdateUserResult {
  const { settings } = state;
  const rec = mustCurrentUser(state, id, expectedVersion);
  const u = rec.user;
  const patch = parseOrThrow(userPatchSchema(settings.username), rawPatch ?? {});
  let emailChange: UpdateUserResult['emailChange'] = 'none';
  const changed = (field: IdentityProviderField) =>
    patch[field] !== undefined && (patch[field] || null) !== (u[field] || null) && !(field === 'email' && patch.email === u.pendingEmail);
  // Who owns the profile fields (a group user's at entity level, an SSO user's IdP-managed ones): the core's rule.
  enforce(checkProfileChange(settings, u, PROFILE_FIELDS.filter(changed)));

  if (u.kind === 'contact') {
    if (patch.entityIds !== undefined && patch.entityIds.length !== 1) {
      throw validation({ entityIds: 'invalid_format' }, 'contact_single_entity', 'A contact lives in exactly one entity');
    }
    const notAllowed: FieldErrors = {};
    if (patch.roleId !== undefined) notAllowed.roleId = 'not_allowed';
    if (patch.adminScope) notAllowed.adminScope = 'not_allowed';
    if (patch.scope === 'group') notAllowed.scope = 'not_allowed';
    if (patch.username) notAllowed.username = 'not_allowed';
    if (patch.permissions && Object.keys(patch.permissions).length > 0) notAllowed.permissions = 'not_allowed';
    if (Object.keys(notAllowed).length > 0) throw validation(notAllowed, undefined, 'Contacts have no role, scope, username or permissions');
    if (patch.entityIds) checkEntities(state, patch.entityIds, 'entityIds');
    enforce(checkAccessChange(ctx(state), u, { wasAdmin: false, staysAdmin: false, ...(patch.entityIds ? { entityIds: patch.entityIds } : {}) }));
    if (patch.email !== undefined && patch.email !== u.email) checkEmailFree(state, patch.email, u.id);
    // A contact never signs in: the address changes at once (emailChangeOutcome: 'replace').
    if (patch.email !== undefined && patch.email !== u.email) changeEmail(state, rec, patch.email);
    if (patch.entityIds) u.entityIds = [...patch.entityIds];
  } else {
    const context = ctx(state);
    const currentRole = u.roleId ? state.roles.get(u.roleId) : undefined;
    const role = patch.roleId !== undefined ? mustRole(state, patch.roleId) : currentRole;
    if (!role) throw validation({ roleId: 'required' });
    const wasAdmin = currentRole?.isAdmin ?? false;
    const scope = patch.scope ?? u.scope;
    const entityIds = patch.entityIds ? [...new Set(patch.entityIds)] : u.entityIds;
    checkEntities(state, entityIds, 'entityIds');
    checkScope(scope, entityIds);
    const subtreeEntityIds = checkSubtrees(state, patch.subtreeEntityIds ?? (u.subtreeEntityIds ?? []).filter((id) => entityIds.includes(id)), entityIds);
    checkAdminScope(state, patch.adminScope, role);
    // A new admin without a scope given gets the granting admin's own (never more).
    const adminScope: AdminScope | null = role.isAdmin
      ? (patch.adminScope ?? (wasAdmin ? u.adminScope : null) ?? defaultAdminScope(context.actor.adminScope))
      : null;
    enforce(checkAccessChange(context, u, {
      wasAdmin,
      staysAdmin: role.isAdmin,
      ...(adminScope ? { adminScope } : {}),
      ...(patch.entityIds ? { entityIds } : {}),
      lastActiveAdmin: lastActiveAdmin(state, rec),
    }));
    const permissions = patch.permissions ?? (role.isAdmin ? u.permissions : clearAdminOnly(u.permissions, [...state.modules.values()]));
    checkPermissions(state, permissions, role);
    let username = u.username;
    if (patch.username !== undefined && settings.username.mode !== 'none') username = checkUsername(state, patch.username, u.id);
    const newEmail = patch.email !== undefined && patch.email !== u.email ? patch.email : null;
    if (newEmail && newEmail !== u.pendingEmail) {
      checkLoginEmail(state, newEmail);
      checkEmailFree(state, newEmail, u.id);
    }

    // Everything is valid: apply.
    u.roleId = role.id;
    u.adminScope = adminScope === null ? null : structuredClone(adminScope);
    u.scope = scope;
    u.entityIds = [...entityIds];
    u.subtreeEntityIds = subtreeEntityIds;
    u.permissions = { ...permissions };
    if (username !== u.username) {
      if (u.username) state.usernames.delete(foldText(u.username));
      if (username) state.usernames.set(foldText(username), u.id);
      u.username = username;
    }
    if (newEmail) {
      const outcome = emailChangeOutcome({
        kind: u.kind, status: u.status, ssoEnforced: settings.sso.enforced, confirmation: settings.features?.emailChangeConfirmation !== false,
      });
      if (outcome === 'reinvite') {
        changeEmail(state, rec, newEmail);
        sendInvitation(state, rec, 'invitation');
      } else if (outcome === 'replace') {
        // Nothing is sent: a pending invitation or registration request goes (it named the old address).
        dropInvitation(state, rec);
        changeEmail(state, rec, newEmail);
      } else if (newEmail !== u.pendingEmail) {
        dropInvitation(state, rec);
        u.pendingEmail = newEmail;
        state.emails.set(newEmail, u.id);
        sendInvitation(state, rec, 'registration_request');
        emailChange = 'registration_request_sent';
      }
    } else if (patch.email !== undefined && patch.email === u.email && u.pendingEmail) {
      // Changing back to the current address cancels the pending change.
      dropInvitation(state, rec);
    }
  }
  if (patch.firstName !== undefined) u.firstName = patch.firstName;
  if (patch.lastName !== undefined) u.lastName = patch.lastName;
  if (patch.phone !== undefined) u.phone = patch.phone || null;
  indexKeys(state, rec);
  touch(state, rec);
  return { user: toUser(state, rec), emailChange };
}

export function updateRole(state: StoreState, id: string, patch: RolePatch, expectedVersion?: string): Role {
  const role = state.roles.get(id);
  if (!role) throw new UserAdminError('not_found', `Role ${id} does not exist`, { reason: 'role_not_found' });
  enforce(checkVersion(expectedVersion, role.version));
  // A role's preset reaches users of every entity: only an admin whose acting scope is all entities changes it.
  enforce(checkRoleEdit(ctx(state)));
  const parsed = parseOrThrow(z.object({ defaultPermissions: modulePermissionsSchema }), patch ?? {});
  checkPermissions(state, parsed.defaultPermissions, role);
  role.defaultPermissions = { ...parsed.defaultPermissions };
  bumpRoleVersion(role);
  return structuredClone(role);
}

/** Test control: adds an entity under a parent. */
export function addEntity(state: StoreState, { id, name, kind, parentId }: { id?: string; name: string; kind: EntityKind; parentId: string }): Entity {
  const parent = state.entityById.get(parentId);
  if (!parent) throw validation({ parentId: 'not_found' }, 'entity_not_found', `Unknown entity ${parentId}`);
  const entity: Entity = { id: id ?? nextId(state, 'entity'), name, kind, parentId, childCount: 0 };
  if (state.entityById.has(entity.id)) throw new UserAdminError('conflict', `Entity ${entity.id} exists`);
  parent.childCount++;
  state.entities.push(entity);
  state.entityById.set(entity.id, entity);
  state.entityKeys.set(entity.id, foldText(name));
  sortEntities(state);
  return toEntity(state, entity);
}
