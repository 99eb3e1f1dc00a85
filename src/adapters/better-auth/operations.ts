/**
 * The undoable server operations the better-auth adapter's writes are made of: invite into
 * organizations, cancel invitations, remove a membership, create an invited user, set the
 * platform role. Each one records its undo.
 *
 * A write of several requests runs under withUndo: each request that succeeded records its
 * undo (sent without the caller's signal), and when a later one fails they run newest first
 * before the original error is rethrown. An undo that fails itself is skipped: the caller gets
 * the original error, never the undo's.
 */
import { withUndo, type UndoLog } from '../shared/undo';
import { joinName, parseRoleList, type BaInvitation, type BaMember, type BaUser } from './mapping';
import type { BetterAuthCall } from './transport';
import type { BetterAuthConfig } from './options';
import type { Signal } from './snapshot';
import type { BetterAuthRules } from './rules';

/** What the operations are built on. */
export interface OperationDeps {
  config: BetterAuthConfig;
  call: BetterAuthCall;
  rules: Pick<BetterAuthRules, 'isAdminRole'>;
}

/**
 * The operations of one adapter.
 * @example
 * const ops = createOperations({ config, call, rules });
 * await withUndo((undo) => ops.cancelAll(pending, signal, undo));
 */
export function createOperations({ config, call, rules }: OperationDeps) {
  const { options, syncPlatformRole } = config;
  const { isAdminRole } = rules;

  const post = (path: string, body: unknown, signal?: Signal) => call({ method: 'POST', path, body, signal });

  /** The invite-member body that sends `inv` again (same email, role, organization and teams). */
  function reinviteBody(inv: BaInvitation, extra: Record<string, unknown> = {}) {
    const teamIds = (inv.teamId ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    return { email: inv.email, role: parseRoleList(inv.role), organizationId: inv.organizationId, ...extra, ...(teamIds.length > 0 ? { teamId: teamIds } : {}) };
  }

  /** Invites an email into each organization (with its teams) sequentially; each one sent is canceled on undo. */
  async function inviteInto(email: string, roleId: string, byOrg: Map<string, string[]>, signal: Signal, undo: UndoLog): Promise<void> {
    for (const [organizationId, teamIds] of byOrg) {
      const invitation = await call<BaInvitation>({
        method: 'POST',
        path: '/organization/invite-member',
        body: { email, role: roleId, organizationId, ...(teamIds.length > 0 ? { teamId: teamIds } : {}) },
        signal,
      });
      if (invitation) undo.add(() => post('/organization/cancel-invitation', { invitationId: invitation.id }), `invitation ${invitation.id} still pending`);
    }
  }

  /** Revokes invitations (better-auth calls it cancel); each one revoked is sent again on undo (a new id, and a fresh expiry for an expired one). */
  async function cancelAll(invitations: readonly BaInvitation[], signal: Signal, undo: UndoLog): Promise<void> {
    for (const inv of invitations) {
      await post('/organization/cancel-invitation', { invitationId: inv.id }, signal);
      undo.add(() => post('/organization/invite-member', reinviteBody(inv)), `invitation of ${inv.email} cancelled`);
    }
  }

  /** Removes a membership; on undo it comes back through the host's `addMember` (better-auth's is server-only). */
  async function removeMember(m: BaMember, teamIds: readonly string[], signal: Signal, undo: UndoLog): Promise<void> {
    await post('/organization/remove-member', { memberIdOrEmail: m.id, organizationId: m.organizationId }, signal);
    const restore = options.addMember;
    if (restore) undo.add(() => restore({ userId: m.userId, organizationId: m.organizationId, role: m.role, teamIds: [...teamIds] }), `membership of ${m.userId} in ${m.organizationId} removed`);
  }

  /**
   * Invites an address: an existing platform account (a user of other organizations, or one
   * removed from ours) is invited as it is; otherwise a user without password is created first.
   * On a failed invitation the ones sent, and the user created, are removed again.
   */
  async function createInvited(
    email: string,
    names: { firstName: string; lastName: string },
    roleId: string,
    byOrg: Map<string, string[]>,
    extra: Record<string, unknown>,
    signal: Signal,
    account?: BaUser,
  ): Promise<BaUser> {
    if (account) {
      await withUndo((undo) => inviteInto(email, roleId, byOrg, signal, undo));
      return account;
    }
    const data: Record<string, unknown> = { ...extra };
    if (options.nameFields) {
      data[options.nameFields.firstName] = names.firstName;
      data[options.nameFields.lastName] = names.lastName;
    }
    return withUndo(async (undo) => {
      const created = await call<{ user: BaUser }>({
        method: 'POST',
        path: '/admin/create-user',
        body: { email, name: joinName(names.firstName, names.lastName), ...(Object.keys(data).length > 0 ? { data } : {}) },
        signal,
      });
      undo.add(() => post('/admin/remove-user', { userId: created.user.id }), `account ${created.user.id} created`);
      await inviteInto(email, roleId, byOrg, signal, undo);
      return created.user;
    });
  }

  async function setPlatformRole(user: BaUser, oldRoleId: string | null, newRoleId: string, signal: Signal, undo: UndoLog): Promise<void> {
    if (!syncPlatformRole || isAdminRole(oldRoleId) === isAdminRole(newRoleId)) return;
    await post('/admin/set-role', { userId: user.id, role: isAdminRole(newRoleId) ? 'admin' : 'user' }, signal);
    const previous = parseRoleList(user.role ?? null);
    undo.add(() => post('/admin/set-role', { userId: user.id, role: previous.length > 1 ? previous : (previous[0] ?? 'user') }), `platform role of ${user.id} changed`);
  }

  return { post, reinviteBody, inviteInto, cancelAll, removeMember, createInvited, setPlatformRole };
}

/** The operations of one adapter. */
export type BetterAuthOperations = ReturnType<typeof createOperations>;
