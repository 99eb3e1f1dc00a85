/**
 * SCIM resources ↔ user-admin-kit objects (the table in docs/adapters/scim.md).
 */
import type { AdminScope, Invitation, InvitationSummary, ModulePermissions, Role, User } from '../../contract/types';
import { SCIM_GROUP_EXTENSION, SCIM_USER_EXTENSION, type ScimGroup, type ScimUser, type ScimUserExtension } from './protocol';

const isoOf = (value: string | undefined, fallback: string): string => {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
};

/** `[{ module, level }]` → `{ module: level }`. */
export function permissionsFromScim(list: { module: string; level: string }[] | undefined): ModulePermissions {
  const out: ModulePermissions = {};
  for (const p of list ?? []) if (p && typeof p.module === 'string' && typeof p.level === 'string') out[p.module] = p.level;
  return out;
}

/** `{ module: level }` → `[{ module, level }]`. */
export function permissionsToScim(permissions: ModulePermissions): { module: string; level: string }[] {
  return Object.entries(permissions).map(([module, level]) => ({ module, level }));
}

/** The extension's `adminScope` (`['all']` or entity ids) → an AdminScope. */
export function adminScopeFromScim(values: string[] | undefined): AdminScope {
  const ids = (values ?? []).filter((v) => v !== 'all');
  return values === undefined || values.includes('all') || ids.length === 0 ? { type: 'all' } : { type: 'entities', entityIds: ids };
}

/** An AdminScope → the extension's `adminScope`. */
export function adminScopeToScim(scope: AdminScope): string[] {
  return scope.type === 'all' ? ['all'] : [...scope.entityIds];
}

/**
 * A role group → a Role; `null` for a group without the Group extension (not a role).
 * @example
 * roleFromGroup({ id: 'g1', displayName: 'Admins', [SCIM_GROUP_EXTENSION]: { isAdmin: true } })?.isAdmin; // true
 */
export function roleFromGroup(group: ScimGroup): Role | null {
  const ext = group[SCIM_GROUP_EXTENSION];
  if (!ext) return null;
  return {
    id: group.id,
    name: group.displayName,
    description: ext.description ?? null,
    isAdmin: ext.isAdmin === true,
    defaultPermissions: permissionsFromScim(ext.defaultPermissions),
  };
}

/** The invitation summary of a SCIM user, its status read against `now`. */
export function invitationSummaryOf(ext: ScimUserExtension | undefined, now: number): InvitationSummary | null {
  const inv = ext?.invitation;
  if (!inv || typeof inv.id !== 'string') return null;
  const expiresAt = isoOf(inv.expiresAt, new Date(0).toISOString());
  return {
    id: inv.id,
    kind: inv.kind === 'registration_request' ? 'registration_request' : 'invitation',
    status: Date.parse(expiresAt) <= now ? 'expired' : 'pending',
    sentAt: isoOf(inv.sentAt, expiresAt),
    expiresAt,
  };
}

/**
 * A SCIM User → a User. The role is the first of the user's `groups` that is a role group.
 * @example
 * const user = userFromScim(resource, new Map(roles.map((r) => [r.id, r])), Date.now());
 */
export function userFromScim(r: ScimUser, roles: ReadonlyMap<string, Role>, now: number): User {
  const ext = r[SCIM_USER_EXTENSION] ?? {};
  const kind = ext.kind === 'contact' ? 'contact' : 'login';
  const email = r.emails?.find((e) => e.primary)?.value ?? r.emails?.[0]?.value ?? r.userName;
  const phone = r.phoneNumbers?.find((p) => p.primary)?.value ?? r.phoneNumbers?.find((p) => p.type === 'work')?.value ?? r.phoneNumbers?.[0]?.value ?? null;
  const role = kind === 'contact' ? undefined : (r.groups ?? []).map((g) => roles.get(g.value)).find((x): x is Role => x !== undefined);
  const invitation = kind === 'login' ? invitationSummaryOf(ext, now) : null;
  const status = r.active === false ? 'deactivated' : invitation?.kind === 'invitation' ? 'invited' : 'active';
  const createdAt = isoOf(r.meta?.created, new Date(0).toISOString());
  return {
    id: r.id,
    kind,
    status,
    email,
    username: null,
    firstName: r.name?.givenName ?? '',
    lastName: r.name?.familyName ?? '',
    phone,
    roleId: role?.id ?? null,
    adminScope: role?.isAdmin ? adminScopeFromScim(ext.adminScope) : null,
    scope: kind === 'contact' ? 'entity' : ext.scope === 'group' ? 'group' : 'entity',
    entityIds: [...(ext.entityIds ?? [])],
    subtreeEntityIds: [...(ext.subtreeEntityIds ?? [])],
    permissions: permissionsFromScim(ext.permissions),
    source: ext.source === 'sso' || ext.source === 'invitation' ? ext.source : 'manual',
    createdAt,
    lastSignInAt: ext.lastSignInAt ? isoOf(ext.lastSignInAt, createdAt) : null,
    invitation,
    pendingEmail: ext.pendingEmail ?? null,
    // The provider's ETag with the user's role groups (userVersionOf), when it supports ETags.
    ...versionField(userVersionOf(r, roles)),
  };
}

const versionField = (version: string | undefined) => (version === undefined ? {} : { version });

/** What separates the User's ETag from its role groups in a {@link userVersionOf} version. */
const ROLES_MARK = ' roles=';

/**
 * A user's version as the adapter reports and checks it (`User.version`): the User resource's ETag
 * (`meta.version`) and the ids of the role groups it is a member of. A role change is a PATCH of
 * the Groups' `members` that leaves the User's ETag as it was; with the role groups in the
 * version, it changes the version too. `undefined` when the resource has no ETag (a provider
 * without ETags: no versions).
 * @example
 * userVersionOf({ ...r, meta: { version: 'W/"a1"' }, groups: [{ value: 'role-user' }] }, roles); // 'W/"a1" roles=role-user'
 */
export function userVersionOf(r: ScimUser, roles: ReadonlyMap<string, Role>): string | undefined {
  const etag = r.meta?.version;
  if (typeof etag !== 'string' || etag === '') return undefined;
  const ids = [...new Set((r.groups ?? []).map((g) => g.value).filter((id) => roles.has(id)))].sort();
  return `${etag}${ROLES_MARK}${ids.map(encodeURIComponent).join(',')}`;
}

/**
 * The User's ETag in a version {@link userVersionOf} made (what `If-Match` carries); a bare ETag
 * (a version read before role groups were part of it) is its own.
 * @example
 * etagOfVersion('W/"a1" roles=role-user'); // 'W/"a1"'
 */
export function etagOfVersion(version: string): string {
  const at = version.lastIndexOf(ROLES_MARK);
  return at === -1 ? version : version.slice(0, at);
}

/** The Invitation of an invited user (or `null` when it has none). */
export function invitationOf(user: User, r: ScimUser): Invitation | null {
  const summary = user.invitation;
  if (!summary) return null;
  const by = r[SCIM_USER_EXTENSION]?.invitation?.invitedBy;
  return {
    id: summary.id,
    kind: summary.kind,
    status: summary.status,
    email: user.email,
    userId: user.id,
    roleId: user.roleId,
    entityIds: [...user.entityIds],
    subtreeEntityIds: [...(user.subtreeEntityIds ?? [])],
    permissions: { ...user.permissions },
    invitedBy: by?.value ? { id: by.value, name: by.display ?? '' } : null,
    sentAt: summary.sentAt,
    expiresAt: summary.expiresAt,
  };
}

/** A resource as it is sent back with PUT: no read-only attributes. */
export function writableUser(r: ScimUser): Omit<ScimUser, 'groups' | 'meta'> {
  const { groups: _groups, meta: _meta, ...rest } = r;
  void _groups;
  void _meta;
  return { ...rest, schemas: [...new Set([...(r.schemas ?? []), 'urn:ietf:params:scim:schemas:core:2.0:User', SCIM_USER_EXTENSION])] };
}
