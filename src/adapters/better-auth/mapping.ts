/**
 * Pure mapping between better-auth's records and the adapter contract: roles and module levels
 * from access-control statements, users' status, role and entities from their memberships and
 * invitations, one contract invitation per email from better-auth's per-organization invitations.
 */
import type { Entity, Invitation, InvitationSummary, Module, ModulePermissions, Role, User } from '../../contract/types';

/** A better-auth user as the admin routes return it. */
export interface BaUser {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  role?: string | null;
  banned?: boolean | null;
  [field: string]: unknown;
}

export interface BaOrganization {
  id: string;
  name: string;
  slug?: string;
}

export interface BaTeam {
  id: string;
  name: string;
  organizationId: string;
}

export interface BaMember {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  /** What `list-members` joins of the user. */
  user?: { id: string; name: string; email: string };
}

export interface BaInvitation {
  id: string;
  organizationId: string;
  email: string;
  role: string;
  status: string;
  expiresAt: string;
  createdAt?: string;
  inviterId?: string;
  teamId?: string | null;
}

/** Statements: resource → granted actions. */
export type Statements = Record<string, readonly string[]>;

/** A role as the adapter knows it: static (from the options) or dynamic (from the server). */
export interface RoleDef {
  id: string;
  name: string;
  description: string | null;
  permissions: Statements;
  dynamic: boolean;
}

/**
 * Splits better-auth's single `name`: the first word, then the rest.
 * @example
 * splitName('Anne Marie Dupont'); // { firstName: 'Anne', lastName: 'Marie Dupont' }
 */
export function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim();
  const at = trimmed.search(/\s/);
  if (at === -1) return { firstName: trimmed, lastName: '' };
  return { firstName: trimmed.slice(0, at), lastName: trimmed.slice(at).trim() };
}

/**
 * Joins a first and a last name into better-auth's `name`.
 * @example
 * joinName('Ana', 'Lima'); // 'Ana Lima'
 */
export function joinName(firstName: string, lastName: string): string {
  return [firstName.trim(), lastName.trim()].filter(Boolean).join(' ');
}

/** `owner,admin` → `['owner', 'admin']`. */
export function parseRoleList(role: string | null | undefined): string[] {
  return (role ?? '').split(',').map((r) => r.trim()).filter(Boolean);
}

/** `Analyst` for `analyst`, `Support agent` for `support-agent`. */
export function titleCase(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A role's level in each module: the highest of the module's levels its statements grant (omitted when none). */
export function levelsFromStatements(permissions: Statements, modules: readonly Module[]): ModulePermissions {
  const out: ModulePermissions = {};
  for (const m of modules) {
    const granted = permissions[m.id] ?? [];
    for (let i = m.levels.length - 1; i >= 1; i--) {
      if (granted.includes(m.levels[i]!)) {
        out[m.id] = m.levels[i]!;
        break;
      }
    }
  }
  return out;
}

/** The statements for module levels: every action up to the level (`edit` → `['view', 'edit']`). */
export function statementsFromLevels(levels: ModulePermissions, modules: readonly Module[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of modules) {
    const level = levels[m.id];
    const index = level === undefined ? 0 : m.levels.indexOf(level);
    if (index > 0) out[m.id] = m.levels.slice(1, index + 1);
  }
  return out;
}

/** Module levels with the no-access ones removed, so two permission maps compare. */
export function normalizeLevels(levels: ModulePermissions, modules: readonly Module[]): ModulePermissions {
  const out: ModulePermissions = {};
  for (const m of modules) {
    const level = levels[m.id];
    if (level !== undefined && level !== m.levels[0]) out[m.id] = level;
  }
  return out;
}

/** The entity tree, flattened: each organization (by name) followed by its teams (by name). Organizations are roots (`ancestorIds: []`), a team's only ancestor is its organization. */
export function buildEntities(orgs: readonly BaOrganization[], teams: readonly BaTeam[]): Entity[] {
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  const out: Entity[] = [];
  for (const org of [...orgs].sort(byName)) {
    const children = teams.filter((t) => t.organizationId === org.id).sort(byName);
    out.push({ id: org.id, name: org.name, kind: 'company', parentId: null, childCount: children.length, ancestorIds: [] });
    for (const t of children) out.push({ id: t.id, name: t.name, kind: 'sub_account', parentId: org.id, childCount: 0, ancestorIds: [org.id] });
  }
  return out;
}

/** What the adapter knows of memberships and invitations, indexed. */
export interface MembershipIndex {
  membersByUser: Map<string, BaMember[]>;
  teamIdsByUser: Map<string, Set<string>>;
  /** Pending better-auth invitations (expired ones included: better-auth leaves them `pending`), by lower-cased email. */
  invitationsByEmail: Map<string, BaInvitation[]>;
}

export interface MappingContext {
  roles: readonly Role[];
  adminRoleIds: readonly string[];
  entities: readonly Entity[];
  modules: readonly Module[];
  ttlMs: number;
  now: number;
  nameFields?: { firstName: string; lastName: string };
  phoneField?: string;
}

/** Ranks roles: admin roles first (in `adminRoleIds` order), then by the module access they give. */
export function highestRole(roleIds: readonly string[], ctx: Pick<MappingContext, 'roles' | 'adminRoleIds' | 'modules'>): string | null {
  if (roleIds.length === 0) return null;
  const weight = (id: string): number => {
    const admin = ctx.adminRoleIds.indexOf(id);
    if (admin !== -1) return 1_000_000 - admin;
    const role = ctx.roles.find((r) => r.id === id);
    if (!role) return -1;
    return Object.entries(role.defaultPermissions).reduce((sum, [m, level]) => sum + Math.max(0, ctx.modules.find((x) => x.id === m)?.levels.indexOf(level) ?? 0), 0);
  };
  return [...new Set(roleIds)].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))[0] ?? null;
}

/** The organizations and teams of better-auth invitations (`teamId` is a comma-separated list). */
export function invitationEntityIds(invitations: readonly BaInvitation[]): string[] {
  const ids: string[] = [];
  for (const inv of invitations) {
    ids.push(inv.organizationId);
    for (const t of (inv.teamId ?? '').split(',').map((s) => s.trim()).filter(Boolean)) ids.push(t);
  }
  return ids;
}

function orderEntityIds(ids: Iterable<string>, entities: readonly Entity[]): string[] {
  const position = new Map(entities.map((e, i) => [e.id, i]));
  return [...new Set(ids)].sort((a, b) => (position.get(a) ?? 1e9) - (position.get(b) ?? 1e9) || (a < b ? -1 : 1));
}

/** The invitation everyone refers to for one email: the earliest sent (stable across resends). */
export function primaryInvitation(invitations: readonly BaInvitation[]): BaInvitation | undefined {
  return [...invitations].sort((a, b) => Date.parse(a.createdAt ?? a.expiresAt) - Date.parse(b.createdAt ?? b.expiresAt) || (a.id < b.id ? -1 : 1))[0];
}

/** The summary of one email's pending invitations: the primary id; the earliest expiry decides. */
export function invitationSummary(invitations: readonly BaInvitation[], ctx: Pick<MappingContext, 'ttlMs' | 'now'>): InvitationSummary | null {
  const primary = primaryInvitation(invitations);
  if (!primary) return null;
  const expiresMs = Math.min(...invitations.map((i) => Date.parse(i.expiresAt)));
  return {
    id: primary.id,
    kind: 'invitation',
    status: expiresMs <= ctx.now ? 'expired' : 'pending',
    // better-auth keeps no time of a resend; the expiry minus the validity is when it was last sent.
    sentAt: new Date(expiresMs - ctx.ttlMs).toISOString(),
    expiresAt: new Date(expiresMs).toISOString(),
  };
}

function readString(u: BaUser, field: string | undefined): string | null {
  if (!field) return null;
  const value = u[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * A better-auth user as a contract user, from the memberships and invitations of the admin's
 * organizations only (the index holds nothing else): `invited` when they are a member of none of
 * them but have a pending invitation to one. better-auth has no per-user admin scope: an admin
 * role administers every entity (`adminScope: { type: 'all' }`).
 */
export function toUser(u: BaUser, index: MembershipIndex, ctx: MappingContext): User {
  const members = index.membersByUser.get(u.id) ?? [];
  const pending = index.invitationsByEmail.get(u.email.toLowerCase()) ?? [];
  const status: User['status'] = u.banned ? 'deactivated' : members.length === 0 && pending.length > 0 ? 'invited' : 'active';
  const fromInvitations = members.length === 0 && pending.length > 0;
  const roleIds = fromInvitations ? pending.flatMap((i) => parseRoleList(i.role)) : members.flatMap((m) => parseRoleList(m.role));
  const roleId = highestRole(roleIds, ctx);
  const role = ctx.roles.find((r) => r.id === roleId);
  const orgIds = fromInvitations ? pending.map((i) => i.organizationId) : members.map((m) => m.organizationId);
  const teamIds = fromInvitations ? invitationEntityIds(pending).filter((id) => !orgIds.includes(id)) : [...(index.teamIdsByUser.get(u.id) ?? [])];
  const entityIds = orderEntityIds([...orgIds, ...teamIds], ctx.entities);
  const orgCount = new Set(orgIds).size;
  const names = ctx.nameFields
    ? { firstName: readString(u, ctx.nameFields.firstName) ?? '', lastName: readString(u, ctx.nameFields.lastName) ?? '' }
    : splitName(u.name ?? '');
  const isAdmin = roleId !== null && ctx.adminRoleIds.includes(roleId);
  return {
    id: u.id,
    kind: 'login',
    status,
    email: u.email,
    username: null,
    firstName: names.firstName,
    lastName: names.lastName,
    phone: readString(u, ctx.phoneField),
    roleId,
    adminScope: isAdmin ? { type: 'all' } : null,
    scope: orgCount > 1 ? 'group' : 'entity',
    entityIds,
    permissions: role ? { ...role.defaultPermissions } : {},
    source: 'manual',
    createdAt: new Date(u.createdAt).toISOString(),
    lastSignInAt: null,
    invitation: status === 'invited' ? invitationSummary(pending, ctx) : null,
    pendingEmail: null,
  };
}

/** One email's pending better-auth invitations as one contract invitation. */
export function toInvitation(
  invitations: readonly BaInvitation[],
  user: BaUser | undefined,
  inviter: { id: string; name: string } | null,
  ctx: MappingContext,
): Invitation {
  const summary = invitationSummary(invitations, ctx)!;
  const roleId = highestRole(invitations.flatMap((i) => parseRoleList(i.role)), ctx);
  const role = ctx.roles.find((r) => r.id === roleId);
  return {
    id: summary.id,
    kind: 'invitation',
    status: summary.status,
    email: invitations[0]!.email,
    userId: user?.id ?? '',
    roleId,
    entityIds: orderEntityIds(invitationEntityIds(invitations), ctx.entities),
    permissions: role ? { ...role.defaultPermissions } : {},
    invitedBy: inviter,
    sentAt: summary.sentAt,
    expiresAt: summary.expiresAt,
  };
}

/** A role definition as a contract role. */
export function toRole(def: RoleDef, ctx: Pick<MappingContext, 'adminRoleIds' | 'modules'>): Role {
  return {
    id: def.id,
    name: def.name,
    description: def.description,
    isAdmin: ctx.adminRoleIds.includes(def.id),
    defaultPermissions: levelsFromStatements(def.permissions, ctx.modules),
  };
}
