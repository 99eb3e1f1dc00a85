/**
 * The invitation writes of the reference backend (see `./store`): sending, inviting, resending,
 * revoking and accepting. Every rule is checked through `./store-rules` and `src/core`.
 */
import { UserAdminError } from '../src/contract/errors';
import { inviteUsersSchema } from '../src/contract/schemas';
import type { Invitation, InvitationKind, InviteUsersInput, InviteUsersResult, User, UserScope } from '../src/contract/types';
import { checkActOnUser, checkGrant, classifyInvitee, defaultAdminScope, emailKey, enforce, inviteeExisting, screenInvitees, ssoRefusal } from '../src/core';
import { ROOT_ENTITY_ID } from './fixtures';
import {
  bumpVersion, deleteUser, dropInvitation, indexKeys, insertUser, invitationStatus, iso, mustInvitation, mustUser, nextId, toInvitation, toUser, touch, ttlMs,
  type InvitationRec, type StoreState, type UserRec,
} from './store-records';
import {
  checkAdminScope, checkEntities, checkPermissions, checkScope, checkSubtrees, ctx, currentUser, domainFacts, mustRole, parseOrThrow,
} from './store-rules';

/** Sends a new invitation or registration request to the user (any earlier one goes). */
export function sendInvitation(state: StoreState, rec: UserRec, kind: InvitationKind): InvitationRec {
  dropInvitation(state, rec);
  const now = state.clock.now();
  const inv: InvitationRec = {
    id: nextId(state, 'inv'), kind, userId: rec.user.id, sentAt: now, expiresAt: now + ttlMs(state),
    invitedBy: { id: state.actorId, name: currentUser(state).name },
  };
  state.invitations.set(inv.id, inv);
  rec.invitationId = inv.id;
  bumpVersion(state, rec);
  return inv;
}

export function inviteUsers(state: StoreState, input: InviteUsersInput): InviteUsersResult {
  const { settings } = state;
  const parsed = parseOrThrow(inviteUsersSchema, input);
  // Steps 1-3 of the classification (SSO, invalid, duplicate); with nobody left to invite, nothing is written or checked.
  const screened = screenInvitees(parsed.emails, { ssoEnforced: settings.sso.enforced });
  if (screened.candidates.length === 0) return { invited: [], skipped: screened.skipped };
  const context = ctx(state);
  const role = mustRole(state, parsed.roleId);
  let entityIds = [...new Set(parsed.entityIds)];
  if (entityIds.length === 0 && !settings.multiEntity && state.entityById.has(ROOT_ENTITY_ID)) entityIds = [ROOT_ENTITY_ID];
  checkEntities(state, entityIds, 'entityIds');
  const scope: UserScope = parsed.scope ?? (entityIds.length === 1 ? 'entity' : 'group');
  checkScope(scope, entityIds);
  const subtreeEntityIds = checkSubtrees(state, parsed.subtreeEntityIds, entityIds);
  checkAdminScope(state, parsed.adminScope, role);
  const adminScope = role.isAdmin ? (parsed.adminScope ?? defaultAdminScope(context.actor.adminScope)) : null;
  enforce(checkGrant(context, { isAdminRole: role.isAdmin, entityIds, ...(adminScope ? { adminScope } : {}) }));
  const permissions = parsed.permissions ?? { ...role.defaultPermissions };
  checkPermissions(state, permissions, role);

  const invited: Invitation[] = [];
  const skipped: InviteUsersResult['skipped'] = [...screened.skipped];
  const typed = new Map<string, string>();
  for (const raw of parsed.emails) if (!typed.has(emailKey(raw))) typed.set(emailKey(raw), raw.trim());
  const names = new Map(Object.entries(parsed.names ?? {}).map(([k, v]) => [emailKey(k), v]));
  const now = state.clock.now();
  for (const email of screened.candidates) {
    // Steps 4-6: an existing person first, then the rules for new addresses.
    const owner = state.users.get(state.emails.get(email) ?? '');
    const reason = classifyInvitee({ existing: inviteeExisting(owner?.user, email), ...domainFacts(state, email) });
    if (reason) { skipped.push({ email: typed.get(email) ?? email, reason }); continue; }
    const rec = insertUser(state, {
      id: nextId(state, 'user'), kind: 'login', status: 'invited', email, username: null,
      firstName: names.get(email)?.firstName?.trim() ?? '', lastName: names.get(email)?.lastName?.trim() ?? '', phone: null,
      roleId: role.id, adminScope: adminScope && structuredClone(adminScope), scope, entityIds: [...entityIds],
      subtreeEntityIds: [...subtreeEntityIds], permissions: { ...permissions }, source: 'invitation', createdAt: iso(now), lastSignInAt: null, invitation: null, pendingEmail: null,
    });
    invited.push(toInvitation(state, sendInvitation(state, rec, 'invitation')));
  }
  return { invited, skipped };
}

export function resendInvitation(state: StoreState, id: string): Invitation {
  enforce(ssoRefusal(state.settings.sso.enforced, 'resendInvitation'));
  const inv = mustInvitation(state, id);
  const rec = mustUser(state, inv.userId);
  enforce(checkActOnUser(ctx(state), rec.user, 'resendInvitation'));
  const now = state.clock.now();
  inv.sentAt = now;
  inv.expiresAt = now + ttlMs(state);
  inv.invitedBy = { id: state.actorId, name: currentUser(state).name };
  if (inv.kind === 'invitation' && rec.user.status === 'deactivated') rec.user.status = 'invited';
  touch(state, rec);
  return toInvitation(state, inv);
}

export function revokeInvitation(state: StoreState, id: string): void {
  const inv = mustInvitation(state, id);
  const rec = mustUser(state, inv.userId);
  // Revoking an invitation removes the user who never accepted; revoking a registration request edits them.
  enforce(checkActOnUser(ctx(state), rec.user, inv.kind === 'invitation' ? 'remove' : 'edit'));
  if (inv.kind === 'invitation') deleteUser(state, rec);
  else dropInvitation(state, rec);
}

/** Test control: the invitee sets a password (invitation) or confirms a new address (registration request). */
export function acceptInvitation(state: StoreState, id: string): User {
  const inv = mustInvitation(state, id);
  const rec = mustUser(state, inv.userId);
  if (invitationStatus(state, inv) !== 'pending' || (inv.kind === 'invitation' && rec.user.status !== 'invited')) {
    throw new UserAdminError('conflict', 'This invitation can no longer be accepted', { reason: 'invitation_not_pending' });
  }
  const u = rec.user;
  if (inv.kind === 'invitation') {
    u.status = 'active';
    u.lastSignInAt = iso(state.clock.now());
    dropInvitation(state, rec);
  } else if (u.pendingEmail) {
    const next = u.pendingEmail;
    state.emails.delete(u.email);
    state.invitations.delete(inv.id);
    rec.invitationId = null;
    u.email = next;
    u.pendingEmail = null;
    state.emails.set(next, u.id);
  }
  indexKeys(state, rec);
  touch(state, rec);
  return toUser(state, rec);
}
