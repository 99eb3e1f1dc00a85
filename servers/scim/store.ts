/**
 * The SCIM test server's in-memory directory: Users and Groups stored as SCIM resources (core
 * attributes plus the user-admin extensions), seeded deterministically from the mock fixtures.
 */
import type { User } from '../../src/contract/types';
import { CURRENT_ADMIN_ID, FIXTURE_MODULES, FIXTURE_ROLES, generateEntities, generateUsers } from '../../mocks/fixtures';
import { GROUP_EXTENSION_URN, USER_EXTENSION_URN } from './schema';

/** A stored SCIM User (what the provider keeps; `groups` is computed on read). */
export interface ScimUserRecord {
  id: string;
  userName: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  emails?: { value: string; type?: string; primary?: boolean }[];
  phoneNumbers?: { value: string; type?: string; primary?: boolean }[];
  active: boolean;
  meta: { created: string; lastModified: string };
  [USER_EXTENSION_URN]?: Record<string, unknown>;
}

/** A stored SCIM Group. Role groups carry the Group extension. */
export interface ScimGroupRecord {
  id: string;
  displayName: string;
  members: { value: string; display?: string }[];
  meta: { created: string; lastModified: string };
  [GROUP_EXTENSION_URN]?: { isAdmin: boolean; description?: string; defaultPermissions?: { module: string; level: string }[] };
}

/** The directory one server answers from. */
export interface ScimStore {
  users: Map<string, ScimUserRecord>;
  groups: Map<string, ScimGroupRecord>;
  /** The server's clock (ms). */
  now(): number;
}

/** Options of {@link createScimStore}. */
export interface ScimStoreOptions {
  /** Number of seeded users (at least the 7 fixed ones). Defaults to 48. */
  userCount?: number;
  /** Seed of the fixtures. Defaults to 42. */
  seed?: number;
  /** The instant the seed is dated around (invitations pending or expired relative to it). Defaults to `Date.now()`. */
  now?: number;
}

/** The token the seeded server accepts, and the user it authenticates (the current admin, Alice Martin). */
export const SCIM_SEED_TOKEN = 'scim-admin-token';
/** The id of the seeded current admin. */
export const SCIM_SEED_ADMIN_ID = CURRENT_ADMIN_ID;
/** A seeded group that is not a role (no Group extension): adapters must ignore it. */
export const SCIM_PLAIN_GROUP_ID = 'group-newsletter';

const iso = (ms: number) => new Date(ms).toISOString();

/** Maps a fixture user to the SCIM resource a provider would store. */
export function userToScim(u: User): ScimUserRecord {
  const ext: Record<string, unknown> = {
    kind: u.kind,
    scope: u.scope,
    entityIds: [...u.entityIds],
    permissions: Object.entries(u.permissions).map(([module, level]) => ({ module, level })),
    source: u.source,
  };
  if (u.subtreeEntityIds?.length) ext.subtreeEntityIds = [...u.subtreeEntityIds];
  if (u.adminScope) ext.adminScope = u.adminScope.type === 'all' ? ['all'] : [...u.adminScope.entityIds];
  if (u.lastSignInAt) ext.lastSignInAt = u.lastSignInAt;
  if (u.pendingEmail) ext.pendingEmail = u.pendingEmail;
  if (u.invitation) {
    ext.invitation = { id: u.invitation.id, kind: u.invitation.kind, sentAt: u.invitation.sentAt, expiresAt: u.invitation.expiresAt };
  }
  return {
    id: u.id,
    userName: u.email,
    name: { givenName: u.firstName, familyName: u.lastName, formatted: `${u.firstName} ${u.lastName}` },
    displayName: `${u.firstName} ${u.lastName}`,
    emails: [{ value: u.email, type: 'work', primary: true }],
    ...(u.phone ? { phoneNumbers: [{ value: u.phone, type: 'work' }] } : {}),
    active: u.status !== 'deactivated',
    meta: { created: u.createdAt, lastModified: u.createdAt },
    [USER_EXTENSION_URN]: ext,
  };
}

/**
 * A fresh seeded directory: the mock fixtures' users (the current admin Alice Martin, a second
 * admin, invited, deactivated users and contacts), the four role Groups (Administrator is the
 * admin role) and one plain Group that is not a role.
 * @example
 * const store = createScimStore({ userCount: 40 });
 * store.users.get('user-admin')?.userName; // 'alice.martin@acme-group.com'
 */
export function createScimStore(options: ScimStoreOptions = {}): ScimStore {
  const now = options.now ?? Date.now();
  const users = generateUsers(Math.max(7, options.userCount ?? 48), options.seed ?? 42, { entities: generateEntities(), now, ttlDays: 7 });
  const store: ScimStore = { users: new Map(), groups: new Map(), now: () => Date.now() };
  for (const u of users) store.users.set(u.id, userToScim(u));
  const created = iso(now - 400 * 24 * 3600 * 1000);
  for (const role of FIXTURE_ROLES) {
    store.groups.set(role.id, {
      id: role.id,
      displayName: role.name,
      members: users.filter((u) => u.roleId === role.id).map((u) => ({ value: u.id, display: `${u.firstName} ${u.lastName}` })),
      meta: { created, lastModified: created },
      [GROUP_EXTENSION_URN]: {
        isAdmin: role.isAdmin,
        ...(role.description ? { description: role.description } : {}),
        defaultPermissions: Object.entries(role.defaultPermissions).map(([module, level]) => ({ module, level })),
      },
    });
  }
  store.groups.set(SCIM_PLAIN_GROUP_ID, {
    id: SCIM_PLAIN_GROUP_ID,
    displayName: 'Newsletter readers',
    members: users.slice(0, 5).map((u) => ({ value: u.id })),
    meta: { created, lastModified: created },
  });
  return store;
}

/**
 * What the seeded directory's adapter needs besides SCIM: the entities and modules (not SCIM
 * resources), the token and the current admin.
 * @example
 * const { entities, modules } = scimSeedReference();
 * createScimAdapter({ baseUrl, token: SCIM_SEED_TOKEN, entities, modules });
 */
export function scimSeedReference() {
  return { entities: generateEntities(), modules: [...FIXTURE_MODULES], token: SCIM_SEED_TOKEN, currentUserId: SCIM_SEED_ADMIN_ID };
}
