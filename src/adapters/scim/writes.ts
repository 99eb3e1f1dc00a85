/**
 * The SCIM adapter's writes: users created (with their role group), changed (role groups first,
 * undone if the write fails; the user by a PATCH of the attributes that changed, `If-Match` when
 * the caller gives expectedVersion), deactivated, removed and invited (one POST each, or `/Bulk`), and the
 * bulk methods. Each checks the rules (./rules.ts, the domain core) before anything is sent.
 */
import type {
  AdminScope,
  BulkItemResult,
  BulkResult,
  CreateUserInput,
  CreateUserResult,
  Invitation,
  InviteFailure,
  InviteSkipReason,
  InviteUsersResult,
  ModulePermissions,
  Role,
  Settings,
  UpdateUserResult,
  User,
  UserAdminAdapter,
  UserPatch,
} from '../../contract/types';
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted, type FieldErrors } from '../../contract/errors';
import { bulkIdsSchema, createUserSchema, inviteUsersSchema, userPatchSchema } from '../../contract/schemas';
import { withUndo } from '../shared/undo';
import { mapWithConcurrency } from '../../query/concurrency';
import {
  PROFILE_FIELDS,
  checkAccessChange,
  checkAdminOnlyModules,
  checkGrant,
  checkProfileChange,
  classifyInvitee,
  clearAdminOnly,
  defaultAdminScope,
  emailChangeOutcome,
  checkVersion,
  enforce,
  inviteeExisting,
  reactivationOutcome,
  screenInvitees,
  ssoRefusal,
} from '../../core';
import {
  SCIM_BULK_REQUEST,
  SCIM_GROUP_SCHEMA,
  SCIM_PATCH_OP,
  SCIM_USER_EXTENSION,
  SCIM_USER_SCHEMA,
  errorFromScim,
  scimString,
  type ScimGroup,
  type ScimUser,
  type ScimUserExtension,
} from './protocol';
import { adminScopeToScim, etagOfVersion, invitationOf, permissionsToScim, userFromScim, userVersionOf, writableUser } from './mapping';
import type { ScimAdapterOptions } from './options';
import type { ScimRequest } from './transport';
import type { ScimReads } from './reads';
import { invalid, type ScimRules } from './rules';
import { parseInput } from '../shared/input';

const DAY = 24 * 60 * 60 * 1000;
const X = SCIM_USER_EXTENSION;
/** This adapter keeps no usernames (its settings say `mode: 'none'`): one sent is still bounded by the schemas. */
const NO_USERNAMES = { mode: 'none' } as const;

/** An address inviteUsers could not invite, with the error's code and reason. */
const inviteFailure = (email: string, e: unknown): InviteFailure =>
  isUserAdminError(e) ? { email, code: e.code, ...(e.reason ? { reason: e.reason } : {}) } : { email, code: 'unknown' };

/** A random id (`crypto.randomUUID` is missing outside secure contexts). */
const randomId = (): string =>
  typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/** One operation of a `/Bulk` response (RFC 7644 §3.7.3). */
interface BulkResponseOp {
  method?: string;
  status: string | number;
  bulkId?: string;
  location?: string;
  version?: string;
  response?: unknown;
}

/** The last path segment of a location or path (a resource id), decoded. */
const lastSegment = (value: string | undefined): string | undefined => {
  const seg = value?.split('?')[0]?.replace(/\/+$/, '').split('/').pop();
  if (!seg) return undefined;
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
};

/**
 * The response operation of each request operation, matched by `bulkId` (every operation the
 * adapter sends carries a unique one) and, for an operation on an existing resource whose response
 * drops the bulkId (RFC 7644 requires it only for POST), by the `location` of its target. Never by
 * position: a provider may answer in any order. An operation with no match has no result.
 */
export function matchBulkResponse(sent: { bulkId: string; method: string; path: string }[], received: BulkResponseOp[]): (BulkResponseOp | undefined)[] {
  const byBulkId = new Map<string, BulkResponseOp>();
  const rest: BulkResponseOp[] = [];
  for (const op of received) {
    if (op && typeof op.bulkId === 'string' && !byBulkId.has(op.bulkId)) byBulkId.set(op.bulkId, op);
    else if (op) rest.push(op);
  }
  const used = new Set<BulkResponseOp>();
  return sent.map((s) => {
    const hit = byBulkId.get(s.bulkId);
    if (hit) return hit;
    if (s.method === 'POST') return undefined;
    const target = lastSegment(s.path);
    const found = rest.find((op) => !used.has(op) && (op.method === undefined || String(op.method).toUpperCase() === s.method) && op.location !== undefined && lastSegment(op.location) === target);
    if (found) used.add(found);
    return found;
  });
}

/** An ETag without its weak `W/` prefix: a weak and a strong tag name the same version here. */
const weakless = (tag: string) => tag.replace(/^W\//, '');

/** The core attributes a write may change (`groups`, `meta`, `id` and `schemas` are never sent). */
const CORE_ATTRIBUTES = ['userName', 'name', 'displayName', 'emails', 'phoneNumbers', 'active'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH operations (RFC 7644 §3.5.2) from one resource to another: a `replace` of each
 * attribute that differs (extension attributes one by one, by their URN path), a `remove` of each
 * one that is gone. Attributes that did not change are not sent, so a concurrent change to them is kept.
 * @example
 * patchOperations(current, { ...current, active: false }); // [{ op: 'replace', path: 'active', value: false }]
 */
export function patchOperations(from: ScimUser, to: ScimUser): { op: 'replace' | 'remove'; path: string; value?: unknown }[] {
  const ops: { op: 'replace' | 'remove'; path: string; value?: unknown }[] = [];
  for (const key of CORE_ATTRIBUTES) {
    if (same(from[key], to[key])) continue;
    if (to[key] === undefined) ops.push({ op: 'remove', path: key });
    else ops.push({ op: 'replace', path: key, value: to[key] });
  }
  const a = (from[X] ?? {}) as Record<string, unknown>;
  const b = (to[X] ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (same(a[key], b[key])) continue;
    if (b[key] === undefined) ops.push({ op: 'remove', path: `${X}:${key}` });
    else ops.push({ op: 'replace', path: `${X}:${key}`, value: b[key] });
  }
  return ops;
}

/** What the writes are built on. */
export interface WriteDeps {
  options: ScimAdapterOptions;
  request: ScimRequest;
  reads: ScimReads;
  rules: ScimRules;
  /** The adapter's clock (ms). */
  now: () => number;
}

/**
 * The writes of one adapter.
 * @example
 * const writes = createWrites({ options, request, reads, rules, now: Date.now });
 * await writes.removeUser({ id: 'user-1' });
 */
export function createWrites({ options, request, reads, rules, now }: WriteDeps) {
  const ttlDays = options.invitationTtlDays ?? 7;
  const { provider, roleMap, ssoSettings, getScimUser, toUser, usersByUserName } = reads;
  const { ruleContext, isLastActiveAdmin, enforceActOn, grantedAdminScope, domainAllowed, checkEmail, isDisposable, checkLoginEmail, roleOrThrow, checkEntities } = rules;

  /**
   * Refuses a write given `expectedVersion` when the user read just now has another version
   * (conflict `stale`), before anything is sent. The version is the User's ETag with its role
   * groups (userVersionOf), so a role change made by someone else (a Group PATCH, which leaves
   * the User's ETag as it was) is refused here too. The write itself then carries the ETag part
   * as `If-Match` (when the provider supports ETags), which closes the window between this read
   * and the write for the User resource (not for its groups: see docs/adapters/scim.md).
   */
  async function checkExpected(current: ScimUser, expectedVersion: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (expectedVersion === undefined) return;
    const version = userVersionOf(current, await roleMap(signal));
    // A provider without ETags keeps no version: nothing to compare (documented, last write wins).
    if (version === undefined) return;
    enforce(checkVersion(weakless(expectedVersion), weakless(version)));
  }

  /** The `If-Match` of a write given `expectedVersion`: its User ETag part (ETags only). */
  const ifMatchOf = (caps: { etag: boolean }, expectedVersion: string | undefined) =>
    caps.etag && expectedVersion !== undefined ? { ifMatch: etagOfVersion(expectedVersion) } : {};

  /**
   * Writes the change from `current` (as read) to `next`. With PATCH (RFC 7644 §3.5.2): only the
   * attributes that differ, so a change made by someone else to another attribute in between (a
   * deactivation) is kept. Without PATCH: a PUT of the whole resource, with `If-Match` on the
   * version read when the provider has ETags (a 412 then means someone changed it in between).
   * `expectedVersion` (checked first by checkExpected) gives `If-Match` its User ETag part (ETags
   * only). Returns the resource after the change.
   */
  async function writeUser(current: ScimUser, next: ScimUser, expectedVersion: string | undefined, signal?: AbortSignal): Promise<ScimUser> {
    const caps = await provider(signal);
    const path = `/Users/${encodeURIComponent(current.id)}`;
    if (caps.patch) {
      const Operations = patchOperations(current, next);
      // Nothing of the user changed (a role change alone is in the groups): the resource as it is now.
      if (Operations.length === 0) return getScimUser(current.id, signal);
      const out = await request<ScimUser | undefined>({
        method: 'PATCH',
        path,
        body: { schemas: [SCIM_PATCH_OP], Operations },
        ...ifMatchOf(caps, expectedVersion),
        signal,
      });
      return out ?? getScimUser(current.id, signal);
    }
    const ifMatch = caps.etag ? (expectedVersion !== undefined ? etagOfVersion(expectedVersion) : current.meta?.version) : undefined;
    return request<ScimUser>({ method: 'PUT', path, body: writableUser(next), ...(ifMatch !== undefined ? { ifMatch } : {}), signal });
  }

  /** Whether a write without the caller's expectedVersion failed only because of our own read (PUT with If-Match): worth one more try. */
  const raced = (e: unknown, expectedVersion: string | undefined) =>
    expectedVersion === undefined && isUserAdminError(e) && e.code === 'conflict' && e.reason === 'stale';

  /** Adds and removes members of a group (PATCH, or GET + PUT without PATCH). */
  async function changeMembers(groupId: string, add: string[], remove: string[], signal?: AbortSignal): Promise<void> {
    if (add.length === 0 && remove.length === 0) return;
    const caps = await provider(signal);
    const path = `/Groups/${encodeURIComponent(groupId)}`;
    if (caps.patch) {
      const Operations = [
        ...remove.map((id) => ({ op: 'remove', path: `members[value eq ${scimString(id)}]` })),
        ...(add.length ? [{ op: 'add', path: 'members', value: add.map((value) => ({ value })) }] : []),
      ];
      await request({ method: 'PATCH', path, body: { schemas: [SCIM_PATCH_OP], Operations }, signal });
      return;
    }
    const group = await request<ScimGroup>({ path, signal });
    const members = (group.members ?? []).filter((m) => !remove.includes(m.value)).concat(add.map((value) => ({ value })));
    const { members: _old, ...rest } = group as ScimGroup & { meta?: unknown };
    void _old;
    delete (rest as { meta?: unknown }).meta;
    await request({ method: 'PUT', path, body: { ...rest, schemas: [SCIM_GROUP_SCHEMA], members }, signal });
  }

  function newInvitation(by: { value: string; display?: string }): NonNullable<ScimUserExtension['invitation']> {
    const sent = now();
    return { id: `inv-${randomId()}`, kind: 'invitation', sentAt: new Date(sent).toISOString(), expiresAt: new Date(sent + ttlDays * DAY).toISOString(), invitedBy: by };
  }

  /** The same invitation sent again now: new dates, same id. */
  function renewedInvitation(inv: NonNullable<ScimUserExtension['invitation']>): NonNullable<ScimUserExtension['invitation']> {
    const sent = now();
    return { ...inv, sentAt: new Date(sent).toISOString(), expiresAt: new Date(sent + ttlDays * DAY).toISOString() };
  }

  interface LoginSpec {
    email: string;
    firstName: string;
    lastName: string;
    phone?: string | null;
    role: Role;
    scope: 'group' | 'entity';
    entityIds: string[];
    subtreeEntityIds?: string[];
    permissions?: ModulePermissions;
    adminScope?: Settings['currentUser']['adminScope'];
  }

  function loginResource(spec: LoginSpec, invitation: NonNullable<ScimUserExtension['invitation']>): Omit<ScimUser, 'id'> {
    const permissions = spec.permissions ?? (spec.role.isAdmin ? spec.role.defaultPermissions : clearAdminOnly(spec.role.defaultPermissions, options.modules));
    const ext: ScimUserExtension = {
      kind: 'login',
      scope: spec.scope,
      entityIds: [...spec.entityIds],
      ...(spec.subtreeEntityIds?.length ? { subtreeEntityIds: spec.subtreeEntityIds.filter((id) => spec.entityIds.includes(id)) } : {}),
      permissions: permissionsToScim(permissions),
      // The caller resolved the default (core `defaultAdminScope`): never broader than the granting admin's.
      ...(spec.role.isAdmin && spec.adminScope ? { adminScope: adminScopeToScim(spec.adminScope) } : {}),
      source: 'invitation',
      invitation,
    };
    return {
      schemas: [SCIM_USER_SCHEMA, X],
      userName: spec.email,
      name: { givenName: spec.firstName, familyName: spec.lastName, formatted: `${spec.firstName} ${spec.lastName}`.trim() },
      displayName: `${spec.firstName} ${spec.lastName}`.trim() || spec.email,
      emails: [{ value: spec.email, type: 'work', primary: true }],
      ...(spec.phone ? { phoneNumbers: [{ value: spec.phone, type: 'work' }] } : {}),
      active: true,
      [X]: ext,
    };
  }

  async function createUser({ input: raw, signal }: { input: CreateUserInput; signal?: AbortSignal }): Promise<CreateUserResult> {
    throwIfAborted(signal);
    if (raw?.kind === 'contact' && options.contacts === false) throw new UserAdminError('forbidden', 'Contacts are not enabled');
    if (raw?.kind === 'login') enforce(ssoRefusal((await ssoSettings()).enforced, 'createLoginUser'));
    // The shared schemas, as the reference store: names cleaned (cleanName) and bounded, phone and username bounded.
    const input = parseInput(createUserSchema(NO_USERNAMES), raw);
    const email = input.email;
    if (input.kind === 'contact') {
      checkEmail(email);
      checkEntities([input.entityId]);
      enforce(checkGrant(await ruleContext(signal), { entityIds: [input.entityId] }));
      const body: Omit<ScimUser, 'id'> = {
        schemas: [SCIM_USER_SCHEMA, X],
        userName: email,
        name: { givenName: input.firstName, familyName: input.lastName, formatted: `${input.firstName} ${input.lastName}`.trim() },
        displayName: `${input.firstName} ${input.lastName}`.trim(),
        emails: [{ value: email, type: 'work', primary: true }],
        ...(input.phone ? { phoneNumbers: [{ value: input.phone, type: 'work' }] } : {}),
        active: true,
        [X]: { kind: 'contact', scope: 'entity', entityIds: [input.entityId], permissions: [], source: 'manual' },
      };
      const created = await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
      return { user: await toUser(created, signal), invitation: null };
    }
    checkEmail(email);
    await checkLoginEmail(email);
    const { role, ctx, adminScope } = await checkedGrant(input, signal);
    const body = loginResource(
      { ...input, email, role, adminScope },
      newInvitation({ value: ctx.actor.id }),
    );
    const created = await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
    try {
      await changeMembers(role.id, [created.id], [], signal);
    } catch (e) {
      await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(created.id)}` }).catch(() => undefined);
      throw e;
    }
    const user = await toUser({ ...created, groups: [{ value: role.id }] }, signal);
    return { user, invitation: invitationOf(user, created) };
  }

  async function updateUser(params: { id: string; patch: UserPatch; expectedVersion?: string; signal?: AbortSignal }, attempt = 1): Promise<UpdateUserResult> {
    try {
      return await updateUserOnce(params);
    } catch (e) {
      // A PUT (no PATCH) guarded by the version we read lost a race: read again and redo it, once.
      if (attempt < 2 && raced(e, params.expectedVersion)) return updateUser(params, attempt + 1);
      throw e;
    }
  }

  async function updateUserOnce({ id, patch: raw, expectedVersion, signal }: { id: string; patch: UserPatch; expectedVersion?: string; signal?: AbortSignal }): Promise<UpdateUserResult> {
    throwIfAborted(signal);
    const current = await getScimUser(id, signal);
    await checkExpected(current, expectedVersion, signal);
    // The shared schema, as the reference store: names cleaned and bounded, phone and username bounded.
    const patch: UserPatch = parseInput(userPatchSchema(NO_USERNAMES), raw ?? {});
    const before = await toUser(current, signal);
    const map = await roleMap(signal);
    const ctx = await ruleContext(signal);
    const next: ScimUser = structuredClone(current);
    const ext: ScimUserExtension = { ...(next[X] ?? {}) };
    const fieldErrors: FieldErrors = {};
    // Who owns the profile fields (core checkProfileChange): an SSO user's IdP-managed ones
    // (`settings.sso.managedFields`, default email, first and last name) are read-only. This adapter
    // has no entity-level workspace (it acts at group level), so a group user's profile is editable.
    const changed = PROFILE_FIELDS.filter((k) => patch[k] !== undefined && (patch[k] || null) !== (before[k] || null));
    enforce(checkProfileChange({ sso: await ssoSettings() }, before, changed));
    if (patch.entityIds !== undefined) {
      checkEntities(patch.entityIds);
      if (before.kind === 'contact' && patch.entityIds.length !== 1) throw invalid('A contact lives in one entity', { entityIds: 'invalid_format' }, 'contact_single_entity');
    }

    // Who may change what (core checkAccessChange): not one's own demotion or admin scope, only a
    // user in the acting admin's scope, only what they may grant, never the last admin's demotion.
    const oldRole = before.kind === 'login' && before.roleId ? map.get(before.roleId) : undefined;
    const newRole = before.kind === 'login' ? (patch.roleId !== undefined ? await roleOrThrow(patch.roleId, signal) : oldRole) : undefined;
    const wasAdmin = oldRole?.isAdmin === true;
    const staysAdmin = newRole?.isAdmin === true;
    // An admin keeps their scope unless the patch sets one; a new admin gets the one given, else the granting admin's own.
    const adminScope = staysAdmin ? (patch.adminScope ?? (wasAdmin ? before.adminScope : null) ?? defaultAdminScope(ctx.actor.adminScope)) : null;
    const demotes = wasAdmin && !staysAdmin;
    enforce(
      checkAccessChange(ctx, before, {
        wasAdmin,
        staysAdmin,
        ...(staysAdmin && (patch.adminScope != null || !wasAdmin) ? { adminScope } : {}),
        ...(patch.entityIds !== undefined ? { entityIds: patch.entityIds } : {}),
        lastActiveAdmin: demotes && (await isLastActiveAdmin(before, signal)),
      }),
    );
    if (newRole && !newRole.isAdmin && patch.permissions) enforce(checkAdminOnlyModules(newRole, patch.permissions, options.modules));

    if (patch.email !== undefined) {
      const email = patch.email.trim().toLowerCase();
      checkEmail(email);
      if (email !== before.email.toLowerCase()) {
        if (before.kind === 'login') await checkLoginEmail(email);
        // SCIM has no confirmation flow; an invited user's invitation goes again to the new address.
        // Otherwise (a contact, enforced SSO, a user who signed in) the address changes at once and,
        // as in the reference store, a pending invitation or registration request goes (it named the old address).
        const outcome = emailChangeOutcome({ kind: before.kind, status: before.status, ssoEnforced: (await ssoSettings()).enforced, confirmation: false });
        if (outcome === 'reinvite' && ext.invitation) ext.invitation = renewedInvitation(ext.invitation);
        else if (outcome === 'replace') delete ext.invitation;
      }
      next.userName = email;
      next.emails = [{ value: email, type: 'work', primary: true }, ...(next.emails ?? []).filter((e) => !e.primary && e.value.toLowerCase() !== email)];
    }
    if (patch.firstName !== undefined || patch.lastName !== undefined) {
      const givenName = (patch.firstName ?? before.firstName).trim();
      const familyName = (patch.lastName ?? before.lastName).trim();
      if (!givenName) fieldErrors.firstName = 'required';
      next.name = { ...next.name, givenName, familyName, formatted: `${givenName} ${familyName}`.trim() };
      next.displayName = `${givenName} ${familyName}`.trim();
    }
    if (patch.phone !== undefined) {
      if (patch.phone === null || patch.phone.trim() === '') delete next.phoneNumbers;
      else next.phoneNumbers = [{ value: patch.phone.trim(), type: 'work' }];
    }
    if (Object.keys(fieldErrors).length) throw invalid('Invalid input', fieldErrors);

    let groupChange: { from: string | null; to: string } | null = null;
    if (before.kind === 'login') {
      if (newRole && newRole.id !== before.roleId) groupChange = { from: before.roleId, to: newRole.id };
      let permissions = patch.permissions ?? before.permissions;
      if (newRole && !newRole.isAdmin) permissions = clearAdminOnly(permissions, options.modules);
      ext.permissions = permissionsToScim(permissions);
      if (staysAdmin && adminScope) ext.adminScope = adminScopeToScim(adminScope);
      else delete ext.adminScope;
      if (patch.scope !== undefined) ext.scope = patch.scope;
    }
    if (patch.entityIds !== undefined) ext.entityIds = [...patch.entityIds];
    if (patch.subtreeEntityIds !== undefined || patch.entityIds !== undefined) {
      const within = ext.entityIds ?? [];
      const subtrees = (patch.subtreeEntityIds ?? ext.subtreeEntityIds ?? []).filter((e) => within.includes(e));
      if (subtrees.length) ext.subtreeEntityIds = subtrees;
      else delete ext.subtreeEntityIds;
    }
    next[X] = ext;
    // The role groups change before the PUT; a failed PUT (or second group change) puts the
    // previous groups back (best effort: a failed undo leaves the original error to the caller).
    const saved = await withUndo(async (undo) => {
      if (groupChange) {
        const { from, to } = groupChange;
        await changeMembers(to, [id], [], signal);
        undo.add(() => changeMembers(to, [], [id]), `user ${id} left in role group ${to}`);
        if (from) {
          await changeMembers(from, [], [id], signal);
          undo.add(() => changeMembers(from, [id], []), `user ${id} out of role group ${from}`);
        }
      }
      return writeUser(current, next, expectedVersion, signal);
    });
    return { user: await toUser(saved, signal), emailChange: 'none' };
  }

  /**
   * The resource after a status change. Reactivating a login user who never accepted their
   * invitation sends it again (fresh dates), or under enforced SSO drops it: they become active
   * and sign in through the identity provider (core `reactivationOutcome`). `null`: only `active` changes.
   */
  async function statusChange(r: ScimUser, before: User, status: 'active' | 'deactivated'): Promise<ScimUser | null> {
    const invitation = r[X]?.invitation;
    if (status !== 'active' || before.status !== 'deactivated' || before.kind !== 'login' || invitation?.kind !== 'invitation') return null;
    const outcome = reactivationOutcome({ kind: before.kind, neverAccepted: true, ssoEnforced: (await ssoSettings()).enforced });
    const ext: ScimUserExtension = { ...r[X] };
    if (outcome === 'invited') ext.invitation = renewedInvitation(invitation);
    else delete ext.invitation;
    return { ...r, active: true, [X]: ext };
  }

  async function setUserStatus(params: { id: string; status: 'active' | 'deactivated'; expectedVersion?: string; signal?: AbortSignal }, attempt = 1): Promise<User> {
    const { id, status, expectedVersion, signal } = params;
    throwIfAborted(signal);
    const current = await getScimUser(id, signal);
    await checkExpected(current, expectedVersion, signal);
    const before = await toUser(current, signal);
    const ctx = await ruleContext(signal);
    if (status === 'deactivated') await enforceActOn(ctx, before, 'deactivate', signal);
    else await enforceActOn(ctx, before, 'reactivate', signal);
    const next = (await statusChange(current, before, status)) ?? { ...current, active: status === 'active' };
    try {
      return await toUser(await writeUser(current, next, expectedVersion, signal), signal);
    } catch (e) {
      if (attempt < 2 && raced(e, expectedVersion)) return setUserStatus(params, attempt + 1);
      throw e;
    }
  }

  async function removeUser({ id, expectedVersion, signal }: { id: string; expectedVersion?: string; signal?: AbortSignal }): Promise<void> {
    throwIfAborted(signal);
    const current = await getScimUser(id, signal);
    await checkExpected(current, expectedVersion, signal);
    const before = await toUser(current, signal);
    await enforceActOn(await ruleContext(signal), before, 'remove', signal);
    const caps = await provider(signal);
    await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(id)}`, ...ifMatchOf(caps, expectedVersion), signal });
  }

  /**
   * What a new login user or an invitation grants, checked through the core: the role exists, at
   * least one known entity, no admin-only module for a non-admin role, nothing outside the acting
   * admin's scope and no broader admin scope (a new admin without one gets the acting admin's).
   */
  async function checkedGrant(
    input: { roleId: string; entityIds?: string[]; permissions?: ModulePermissions; adminScope?: AdminScope | null },
    signal: AbortSignal | undefined,
  ) {
    const role = await roleOrThrow(input.roleId, signal);
    if (!input.entityIds?.length) throw invalid('At least one entity', { entityIds: 'required' });
    checkEntities(input.entityIds);
    const ctx = await ruleContext(signal);
    const adminScope = grantedAdminScope(ctx, role, input.adminScope);
    enforce(
      checkAdminOnlyModules(role, input.permissions ?? {}, options.modules),
      checkGrant(ctx, { isAdminRole: role.isAdmin, adminScope, entityIds: input.entityIds }),
    );
    return { role, ctx, adminScope };
  }

  async function inviteUsers({ input: raw, signal }: Parameters<UserAdminAdapter['inviteUsers']>[0]): Promise<InviteUsersResult> {
    throwIfAborted(signal);
    // The shared schema, as the reference store: at most MAX_INVITE_ADDRESSES addresses (`emails: too_long`), names cleaned and bounded.
    const input = parseInput(inviteUsersSchema, raw);
    // The core's classification, in its order (INVITE_SKIP_ORDER): SSO, invalid, duplicate first
    // (no lookup); with nobody left to invite (every address under enforced SSO), nothing is
    // checked or written, as in the reference store.
    const { candidates, skipped } = screenInvitees(input.emails, { ssoEnforced: (await ssoSettings()).enforced });
    if (candidates.length === 0) return { invited: [], skipped };
    // What the invitations grant is checked once for the call: a refusal rejects it whole.
    const { role, ctx, adminScope } = await checkedGrant(input, signal);
    // Then an existing user (already_member / already_invited) before the domain and disposable rules.
    const skip = (email: string, reason: InviteSkipReason) => skipped.push({ email, reason });
    const existing = await usersByUserName(candidates, signal);
    const map = await roleMap(signal);
    const toCreate: string[] = [];
    for (const email of candidates) {
      const found = existing.get(email);
      const facts = { existing: inviteeExisting(found ? userFromScim(found, map, now()) : null, email), domainAllowed: domainAllowed(email) };
      // The disposable lookup (possibly a host call) only for an address every earlier rule let through.
      const reason = classifyInvitee(facts) ?? classifyInvitee({ ...facts, disposable: await isDisposable(email) });
      if (reason) skip(email, reason);
      else toCreate.push(email);
    }
    const by = { value: ctx.actor.id };
    const names = new Map(Object.entries(input.names ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
    const bodies = toCreate.map((email) =>
      loginResource(
        {
          email,
          firstName: names.get(email)?.firstName ?? '',
          lastName: names.get(email)?.lastName ?? '',
          role,
          scope: input.scope ?? (input.entityIds.length > 1 ? 'group' : 'entity'),
          entityIds: input.entityIds,
          ...(input.subtreeEntityIds ? { subtreeEntityIds: input.subtreeEntityIds } : {}),
          ...(input.permissions ? { permissions: input.permissions } : {}),
          ...(adminScope ? { adminScope } : {}),
        },
        newInvitation(by),
      ),
    );
    // Each address is created on its own (or as its own /Bulk operation): one that fails is
    // reported in `failed` with nothing left for it, and the others go through. An abort, or a
    // refusal of the whole call (401, 403: the token may read but not write), deletes the users
    // already created (they have no role group yet) and rejects the call.
    const created: ScimUser[] = [];
    const failed: InviteFailure[] = [];
    const fail = (email: string, e: unknown) => failed.push(inviteFailure(email, e));
    const refusesCall = (e: unknown) => isAbortError(e) || (isUserAdminError(e) && (e.code === 'unauthorized' || e.code === 'forbidden'));
    let aborted: unknown = null;
    // Created by /Bulk, but the provider gave no location nor id: found by userName afterwards.
    const createdWithoutId: string[] = [];
    // A creation whose answer was lost (`network`) or that failed unexpectedly (`unknown`, a 500)
    // may have happened: those addresses are looked up by userName afterwards too, so `failed`
    // never names an address the provider holds.
    const uncertain = new Map<string, unknown>();
    const failCreation = (email: string, e: unknown) => {
      if (isUserAdminError(e) && (e.code === 'network' || e.code === 'unknown')) uncertain.set(email, e);
      else fail(email, e);
    };
    const caps = await provider(signal);
    if (caps.bulk && bodies.length > 1) {
      for (let i = 0; i < bodies.length && !aborted; i += caps.maxOperations) {
        const chunk = bodies.slice(i, i + caps.maxOperations);
        let response: { Operations?: BulkResponseOp[] };
        const sent = chunk.map((data, k) => ({ method: 'POST', path: '/Users', bulkId: `u${i + k}`, data }));
        try {
          response = await request({
            method: 'POST',
            path: '/Bulk',
            body: { schemas: [SCIM_BULK_REQUEST], failOnErrors: chunk.length + 1, Operations: sent },
            signal,
          });
        } catch (e) {
          if (refusesCall(e)) aborted = e;
          else for (const data of chunk) failCreation(data.userName, e);
          continue;
        }
        // By bulkId only (a created user's id is in the location of its own operation).
        const matched = matchBulkResponse(sent, response.Operations ?? []);
        chunk.forEach((data, k) => {
          const op = matched[k];
          const status = Number(op?.status ?? 500);
          const id = op?.location?.split('/').pop() || (op?.response as ScimUser | undefined)?.id;
          if (status >= 200 && status < 300) {
            if (id) created.push({ ...(data as ScimUser), id, meta: { created: new Date(now()).toISOString() } });
            else createdWithoutId.push(data.userName);
          } else if (status === 409) skip(data.userName, 'already_member');
          else {
            const error = errorFromScim(status, op?.response);
            if (refusesCall(error)) aborted ??= error;
            else failCreation(data.userName, error);
          }
        });
      }
    } else {
      const results = await mapWithConcurrency(bodies, Math.max(1, options.inviteConcurrency ?? 4), async (body) => {
        try {
          return await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
        } catch (e) {
          if (isUserAdminError(e) && e.code === 'conflict') skip(body.userName, 'already_member');
          else if (refusesCall(e)) aborted ??= e;
          else failCreation(body.userName, e);
          return null;
        }
      });
      for (const r of results) if (r) created.push(r);
    }
    // Without the caller's signal (an abort may be what failed); a failed delete is not reported.
    const deleteCreated = async () => {
      for (const u of created) await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(u.id)}` }).catch(() => undefined);
    };
    const toFind = [...createdWithoutId, ...uncertain.keys()];
    if (toFind.length) {
      const notFound = (email: string) => uncertain.get(email) ?? new UserAdminError('unknown', `The provider created ${email} without saying where`);
      try {
        const found = await usersByUserName(toFind, undefined);
        for (const email of toFind) {
          const user = found.get(email);
          if (user) created.push(user);
          else fail(email, notFound(email));
        }
      } catch (e) {
        // Not known either way: a created one would be left while named in `failed`; say so.
        for (const email of toFind) fail(email, uncertain.has(email) ? new UserAdminError('unknown', `Whether ${email} was created is unknown`, { cause: e }) : e);
      }
    }
    if (aborted) {
      await deleteCreated();
      throw aborted;
    }
    if (created.length) {
      try {
        await changeMembers(role.id, created.map((u) => u.id), [], signal);
      } catch (e) {
        // As createUser: nothing is left of an address whose role could not be given.
        await deleteCreated();
        if (refusesCall(e)) throw e;
        for (const u of created) fail(u.userName, e);
        created.length = 0;
      }
    }
    const invited: Invitation[] = [];
    for (const r of created) {
      const user = userFromScim({ ...r, groups: [{ value: role.id }] }, map, now());
      const invitation = invitationOf(user, r);
      if (invitation) invited.push(invitation);
    }
    return { invited, skipped, failed };
  }

  async function bulk(
    ids: string[],
    signal: AbortSignal | undefined,
    check: (id: string, allowed: ReadonlySet<string>) => Promise<void>,
    operation: (id: string) => { method: string; path: string; version?: string; data?: unknown },
    fallback: (id: string) => Promise<User | void>,
  ): Promise<BulkResult> {
    const results = new Map<string, BulkItemResult>();
    const allowed: string[] = [];
    for (const id of ids) {
      try {
        // In order: each check sees the ids already let through, so one batch cannot take away every admin.
        await check(id, new Set(allowed));
        allowed.push(id);
      } catch (e) {
        if (isAbortError(e)) throw e;
        const err = isUserAdminError(e) ? e : new UserAdminError('unknown', String(e));
        results.set(id, { id, ok: false, error: err.toJSON() });
      }
    }
    const caps = await provider(signal);
    if (!caps.bulk) {
      for (const id of allowed) {
        try {
          const user = await fallback(id);
          results.set(id, user ? { id, ok: true, user } : { id, ok: true });
        } catch (e) {
          if (isAbortError(e)) throw e;
          results.set(id, { id, ok: false, error: (isUserAdminError(e) ? e : new UserAdminError('unknown', String(e))).toJSON() });
        }
      }
    } else {
      // Each operation carries a unique bulkId and its result is matched by it (or by its target's
      // location), never by position. A chunk whose /Bulk request fails reports its items failed
      // with that error; the items of the chunks already applied keep their results. Only an abort
      // rejects the call (the lists refetch after it).
      for (let i = 0; i < allowed.length; i += caps.maxOperations) {
        const chunk = allowed.slice(i, i + caps.maxOperations);
        const sent = chunk.map((id, k) => ({ ...operation(id), bulkId: `op${i + k}` }));
        let response: { Operations?: BulkResponseOp[] };
        try {
          response = await request<{ Operations?: BulkResponseOp[] }>({
            method: 'POST',
            path: '/Bulk',
            body: { schemas: [SCIM_BULK_REQUEST], failOnErrors: chunk.length + 1, Operations: sent },
            signal,
          });
        } catch (e) {
          if (isAbortError(e)) throw e;
          const error = (isUserAdminError(e) ? e : new UserAdminError('unknown', String(e))).toJSON();
          for (const id of chunk) results.set(id, { id, ok: false, error });
          continue;
        }
        const matched = matchBulkResponse(sent, response.Operations ?? []);
        chunk.forEach((id, k) => {
          const op = matched[k];
          if (!op) {
            results.set(id, { id, ok: false, error: new UserAdminError('unknown', `The provider's /Bulk response has no result for ${id}`).toJSON() });
            return;
          }
          const status = Number(op.status);
          results.set(id, status >= 200 && status < 300 ? { id, ok: true } : { id, ok: false, error: errorFromScim(status, op.response).toJSON() });
        });
      }
    }
    return { results: ids.map((id) => results.get(id) ?? { id, ok: false, error: { code: 'unknown', message: 'No result' } }) };
  }

  /**
   * The `version` of a /Bulk operation on a user (RFC 7644 §3.7: the current resource version,
   * with ETags, for PUT, PATCH and DELETE): the User's ETag as the adapter read it.
   */
  const bulkVersion = (caps: { etag: boolean }, read: ScimUser | undefined): { version?: string } =>
    caps.etag && typeof read?.meta?.version === 'string' && read.meta.version !== '' ? { version: read.meta.version } : {};

  /** `setUsersStatus` (when the provider advertises `/Bulk`). */
  const setUsersStatus: NonNullable<UserAdminAdapter['setUsersStatus']> = async ({ ids: raw, status, signal }) => {
    throwIfAborted(signal);
    const ids = parseInput(bulkIdsSchema, raw, 'ids'); // at most MAX_BULK_IDS (`ids: too_long`)
    const active = status === 'active';
    const ctx = await ruleContext(signal);
    // A reactivated user who never accepted gets their invitation again (or, under SSO, none): a
    // PATCH of `active` and the invitation. Without PATCH: a PUT of the whole resource as read,
    // changed. Each operation carries the `version` read (ETags only, RFC 7644 §3.7): a user
    // changed between that read and the /Bulk request fails alone with 412 (conflict `stale`).
    const read = new Map<string, { from: ScimUser; to: ScimUser | null }>();
    const caps = await provider(signal);
    const check = async (id: string, leaving: ReadonlySet<string>) => {
      const r = await getScimUser(id, signal);
      const user = await toUser(r, signal);
      await enforceActOn(ctx, user, active ? 'reactivate' : 'deactivate', signal, leaving);
      read.set(id, { from: r, to: await statusChange(r, user, status) });
    };
    return bulk(
      ids,
      signal,
      check,
      (id) => {
        const { from, to } = read.get(id)!;
        const path = `/Users/${encodeURIComponent(id)}`;
        const version = bulkVersion(caps, from);
        if (!caps.patch) return { method: 'PUT', path, ...version, data: writableUser(to ?? { ...from, active }) };
        const Operations = to ? patchOperations(from, to) : [{ op: 'replace', path: 'active', value: active }];
        return { method: 'PATCH', path, ...version, data: { schemas: [SCIM_PATCH_OP], Operations } };
      },
      (id) => setUserStatus({ id, status, signal }),
    );
  };

  /** `removeUsers` (when the provider advertises `/Bulk`). */
  const removeUsers: NonNullable<UserAdminAdapter['removeUsers']> = async ({ ids: raw, signal }) => {
    throwIfAborted(signal);
    const ids = parseInput(bulkIdsSchema, raw, 'ids'); // at most MAX_BULK_IDS (`ids: too_long`)
    const ctx = await ruleContext(signal);
    const caps = await provider(signal);
    // The version of each user as the rules saw it: a user changed since fails alone (412, `stale`).
    const read = new Map<string, ScimUser>();
    const check = async (id: string, leaving: ReadonlySet<string>) => {
      const r = await getScimUser(id, signal);
      await enforceActOn(ctx, await toUser(r, signal), 'remove', signal, leaving);
      read.set(id, r);
    };
    const operation = (id: string) => ({ method: 'DELETE', path: `/Users/${encodeURIComponent(id)}`, ...bulkVersion(caps, read.get(id)) });
    return bulk(ids, signal, check, operation, (id) => removeUser({ id, signal }));
  };

  return { writeUser, renewedInvitation, createUser, updateUser, setUserStatus, removeUser, inviteUsers, setUsersStatus, removeUsers };
}

/** The writes of one adapter. */
export type ScimWrites = ReturnType<typeof createWrites>;
