/**
 * The better-auth adapter's writes: users created (invited into the organizations), changed,
 * deactivated and reactivated (banned, unbanned), removed from our organizations, invited,
 * invitations sent again and revoked, dynamic roles updated. Each checks the rules (./rules.ts,
 * the domain core) before anything is sent, runs its requests under withUndo
 * (./operations.ts) and clears the cached snapshot.
 */
import type { CreateUserResult, InviteFailure, InviteUsersResult, User, UserAdminAdapter } from '../../contract/types';
import { inviteeExisting, type RuleTarget } from '../../core';
import { isAbortError, isUserAdminError, throwIfAborted } from '../../contract/errors';
import { withUndo } from '../shared/undo';
import { mapWithConcurrency } from '../../query/concurrency';
import { invitationEntityIds, joinName, parseRoleList, statementsFromLevels, type BaInvitation } from './mapping';
import type { BetterAuthCall } from './transport';
import type { BetterAuthConfig } from './options';
import type { BetterAuthSnapshots } from './snapshot';
import type { BetterAuthReads } from './reads';
import { refuse } from './errors';
import { parseInput } from '../shared/input';
import { createLoginUserSchema, inviteUsersSchema, userPatchSchema } from '../../contract/schemas';
import { emailKey, type BetterAuthRules } from './rules';
import type { BetterAuthOperations } from './operations';

/** This adapter keeps no usernames (its settings say `mode: 'none'`): one sent is still bounded by the schemas. */
const NO_USERNAMES = { mode: 'none' } as const;

/** An address inviteUsers could not invite, with the error's code and reason. */
const inviteFailure = (email: string, e: unknown): InviteFailure =>
  isUserAdminError(e) ? { email, code: e.code, ...(e.reason ? { reason: e.reason } : {}) } : { email, code: 'unknown' };

/** What the writes are built on. */
export interface WriteDeps {
  config: BetterAuthConfig;
  call: BetterAuthCall;
  snapshots: BetterAuthSnapshots;
  reads: BetterAuthReads;
  rules: BetterAuthRules;
  ops: BetterAuthOperations;
}

/** The write methods of the adapter. */
type WriteMethods = Pick<
  UserAdminAdapter,
  'createUser' | 'updateUser' | 'setUserStatus' | 'removeUser' | 'inviteUsers' | 'resendInvitation' | 'revokeInvitation'
>;

/**
 * The writes of one adapter.
 * @example
 * const { methods, updateRole } = createWrites({ config, call, snapshots, reads, rules, ops });
 */
export function createWrites({ config, call, snapshots, reads, rules, ops }: WriteDeps) {
  const { options, modules, sso, inviteConcurrency, isDisposable } = config;
  // A write of users drops the memberships only; updateUser (it may rename the session user) and updateRole drop everything.
  const { invalidate, invalidateMemberships, loadStructure, loadSnapshot } = snapshots;
  const { roster, isOurs, readUser, accountsByEmail, mergedInvitations, mergedInvitation, invitationGroup } = reads;
  const { enforceActOn, enforceSelfAndScope, enforceGrant, enforceRoleEdit, enforceAccessChange, enforceSso, enforcePasswordReset, isAdminRole, mustRole, checkPermissions, checkRoleDefaults, resolveEntities, domainAllowed, checkLoginEmail } = rules;
  const { post, reinviteBody, inviteInto, cancelAll, removeMember, createInvited, setPlatformRole } = ops;

  /** The invitee as the rules see them: our user, else (an address with no account) the organizations and teams invited to. */
  const inviteeTarget = (invitee: User | null, pending: readonly BaInvitation[]): RuleTarget =>
    invitee ?? { id: '', adminScope: null, entityIds: [...new Set(invitationEntityIds(pending))] };

  const methods: WriteMethods = {
    async createUser({ input: raw, signal }): Promise<CreateUserResult> {
      throwIfAborted(signal);
      if (raw.kind === 'contact') throw refuse('validation', 'better-auth has no contacts (features.contacts is false)', undefined, { kind: 'not_allowed' });
      enforceSso(sso().enforced, 'createLoginUser');
      // The shared schema, as the reference store: names cleaned (cleanName) and bounded, phone and username bounded.
      const input = parseInput(createLoginUserSchema(NO_USERNAMES), raw);
      const email = emailKey(input.email);
      await checkLoginEmail(email, input.email);
      const s = await loadStructure(signal);
      const role = mustRole(s, input.roleId);
      checkPermissions(role, input.permissions);
      const byOrg = resolveEntities(s, input.entityIds);
      // What the new user is given (core checkGrant): only an admin grants a role and entities.
      enforceGrant(s, { isAdminRole: isAdminRole(role.id), entityIds: input.entityIds });
      const extra = options.phoneField && input.phone ? { [options.phoneField]: input.phone } : {};
      if (!options.phoneField && input.phone) throw refuse('validation', 'This server has no phone field (phoneField option)', undefined, { phone: 'not_allowed' });
      // An address of ours is taken; an account outside our organizations is invited as it is (its profile is not ours to set).
      const account = (await accountsByEmail([email], signal)).get(email);
      if (account && isOurs(await loadSnapshot(signal), account)) throw refuse('conflict', `${email} is already a user`, 'email_taken', { email: 'taken' });
      try {
        const created = await createInvited(email, { firstName: input.firstName, lastName: input.lastName }, role.id, byOrg, extra, signal, account);
        invalidateMemberships();
        const { user } = await readUser(created.id, signal);
        return { user, invitation: await mergedInvitation(email, signal) };
      } finally {
        invalidateMemberships();
      }
    },

    async updateUser({ id, patch: given, signal }) {
      const { snapshot: s, raw, user } = await readUser(id, signal);
      // The shared schema, as the reference store: names cleaned and bounded, phone and username bounded.
      const patch = parseInput(userPatchSchema(NO_USERNAMES), given ?? {});
      const newRoleId = patch.roleId ?? user.roleId;
      const role = newRoleId ? mustRole(s, newRoleId) : null;
      if (patch.permissions !== undefined) {
        if (!role) throw refuse('validation', 'A user without a role has no permissions', undefined, { permissions: 'not_allowed' });
        checkPermissions(role, patch.permissions);
      }
      const roleChanges = patch.roleId !== undefined && patch.roleId !== user.roleId;
      const entitiesChange = patch.entityIds !== undefined && [...patch.entityIds].sort().join() !== [...user.entityIds].sort().join();
      // Who may change whose access (core): no self-demotion, never the last active admin's.
      // The admin scope given is not passed: better-auth has none (features.adminScope false).
      const change = {
        wasAdmin: isAdminRole(user.roleId),
        staysAdmin: isAdminRole(newRoleId),
        ...(entitiesChange ? { entityIds: patch.entityIds } : {}),
      };
      await enforceAccessChange(s, user, change, signal);
      const members = s.membersByUser.get(id) ?? [];
      const pending = s.invitationsByEmail.get(user.email.toLowerCase()) ?? [];
      const invited = user.status === 'invited' || (members.length === 0 && pending.length > 0);
      const byOrg = entitiesChange ? resolveEntities(s, patch.entityIds!) : null;
      if (byOrg && !invited) {
        const current = new Set(members.map((m) => m.organizationId));
        const added = [...byOrg.keys()].filter((o) => !current.has(o));
        if (added.length > 0) {
          throw refuse('validation', 'better-auth cannot add an existing user to an organization over HTTP (addMember is server-only): invite them from that organization instead', undefined, { entityIds: 'not_allowed' });
        }
      }
      let email = user.email;
      if (patch.email !== undefined && emailKey(patch.email) !== user.email.toLowerCase()) {
        email = emailKey(patch.email);
        await checkLoginEmail(email, patch.email);
      }
      if (patch.phone && !options.phoneField) throw refuse('validation', 'This server has no phone field (phoneField option)', undefined, { phone: 'not_allowed' });
      // An invitation's role, organizations and address cannot be edited in better-auth: changing
      // one cancels the invitations and invites again, which sends an invitation. The email-change
      // rule (core) says an invited user is re-invited, except under enforced SSO, where nothing is
      // sent: better-auth cannot move an invitation without sending it, so that change is refused.
      const emailChanges = email !== user.email;
      const reinvites = invited && (roleChanges || entitiesChange || emailChanges);
      const ssoEnforced = sso().enforced;
      // emailChangeOutcome: 'reinvite' for an invited user, 'replace' (nothing sent) under SSO or
      // for anyone else (no confirmation in better-auth's admin update).
      const emailOutcome = emailChanges ? rules.emailChangeOutcome({ kind: 'login', status: invited ? 'invited' : user.status, ssoEnforced, confirmation: false }) : null;
      if (reinvites && (emailOutcome === 'replace' || ssoEnforced)) enforceSso(ssoEnforced, 'invite');
      const teamsNow = s.teamIdsByUser.get(id) ?? new Set<string>();
      const teamsOf = (organizationId: string) => s.teams.filter((t) => t.organizationId === organizationId && teamsNow.has(t.id)).map((t) => t.id);

      try {
        await withUndo(async (undo) => {
          const data: Record<string, unknown> = {};
          if (patch.firstName !== undefined || patch.lastName !== undefined) {
            const firstName = patch.firstName ?? user.firstName;
            const lastName = patch.lastName ?? user.lastName;
            data.name = joinName(firstName, lastName);
            if (options.nameFields) {
              data[options.nameFields.firstName] = firstName;
              data[options.nameFields.lastName] = lastName;
            }
          }
          if (email !== user.email) data.email = email;
          if (options.phoneField && patch.phone !== undefined) data[options.phoneField] = patch.phone ?? null;
          if (Object.keys(data).length > 0) {
            await post('/admin/update-user', { userId: id, data }, signal);
            const previous = Object.fromEntries(Object.keys(data).map((key) => [key, raw[key] ?? null]));
            undo.add(() => post('/admin/update-user', { userId: id, data: previous }), `profile of ${id} changed`);
          }

          if (reinvites) {
            // An invitation's role and organizations cannot be edited: cancel and invite again.
            await cancelAll(pending, signal, undo);
            await inviteInto(email, newRoleId!, byOrg ?? resolveEntities(s, user.entityIds), signal, undo);
          } else if (!invited) {
            if (roleChanges) {
              for (const m of members) {
                await post('/organization/update-member-role', { memberId: m.id, role: patch.roleId, organizationId: m.organizationId }, signal);
                undo.add(() => post('/organization/update-member-role', { memberId: m.id, role: parseRoleList(m.role), organizationId: m.organizationId }), `role of ${m.userId} in ${m.organizationId} changed`);
              }
            }
            if (byOrg) {
              for (const m of members.filter((x) => byOrg.has(x.organizationId))) {
                const wanted = new Set(byOrg.get(m.organizationId));
                for (const team of s.teams.filter((t) => t.organizationId === m.organizationId)) {
                  const body = { teamId: team.id, userId: id, organizationId: m.organizationId };
                  if (wanted.has(team.id) && !teamsNow.has(team.id)) {
                    await post('/organization/add-team-member', body, signal);
                    undo.add(() => post('/organization/remove-team-member', body), `${body.userId} added to team ${body.teamId}`);
                  } else if (!wanted.has(team.id) && teamsNow.has(team.id)) {
                    await post('/organization/remove-team-member', body, signal);
                    undo.add(() => post('/organization/add-team-member', body), `${body.userId} removed from team ${body.teamId}`);
                  }
                }
              }
            }
          }
          if (roleChanges) await setPlatformRole(raw, user.roleId, patch.roleId!, signal, undo);
          // Last: a removed membership comes back only through the host's addMember.
          if (byOrg && !invited) {
            for (const m of members.filter((x) => !byOrg.has(x.organizationId))) await removeMember(m, teamsOf(m.organizationId), signal, undo);
          }
        });
      } finally {
        invalidate();
      }
      return { user: (await readUser(id, signal)).user, emailChange: 'none' };
    },

    async setUserStatus({ id, status, signal }) {
      const { snapshot: s, raw, user } = await readUser(id, signal);
      if (status === 'deactivated') {
        await enforceActOn(s, user, 'deactivate', signal);
        if (user.status === 'deactivated') return user;
        try {
          await call({ method: 'POST', path: '/admin/ban-user', body: { userId: id }, signal });
        } finally {
          invalidateMemberships();
        }
      } else {
        if (!raw.banned) {
          if (user.status === 'invited') throw refuse('conflict', 'An invited user becomes active by accepting their invitation', 'invalid_status_transition');
          return user;
        }
        enforceSelfAndScope(s, user, 'reactivate');
        const pending = s.invitationsByEmail.get(raw.email.toLowerCase()) ?? [];
        const neverAccepted = (s.membersByUser.get(id) ?? []).length === 0 && pending.length > 0;
        // reactivationOutcome (core): a user who never accepted is invited again (their pending
        // invitations stand; unbanning sends nothing), except under enforced SSO, where they become
        // active with no invitation: they sign in through the identity provider.
        const outcome = rules.reactivationOutcome({ kind: 'login', neverAccepted, ssoEnforced: sso().enforced });
        const restore = options.addMember;
        if (neverAccepted && outcome === 'active' && !restore) {
          throw refuse('conflict', 'Under enforced SSO a user who never accepted becomes a member when reactivated, and better-auth adds members only server-side: give the addMember option', 'invalid_status_transition');
        }
        try {
          if (neverAccepted && outcome === 'active') {
            // The invitations become memberships (host's addMember, nothing sent), then are canceled.
            for (const inv of pending) {
              await restore!({ userId: id, organizationId: inv.organizationId, role: inv.role, teamIds: (inv.teamId ?? '').split(',').map((t) => t.trim()).filter(Boolean) });
            }
            for (const inv of pending) await post('/organization/cancel-invitation', { invitationId: inv.id }, signal);
          }
          await call({ method: 'POST', path: '/admin/unban-user', body: { userId: id }, signal });
        } finally {
          invalidateMemberships();
        }
      }
      return (await readUser(id, signal)).user;
    },

    /**
     * Removal policy: the user leaves OUR organizations (their pending invitations to them are
     * canceled, their memberships and teams in them removed); the platform account is never
     * deleted. The admin administers these organizations, not the person's account: the same
     * account may own or belong to organizations the admin is not in, and better-auth gives no
     * HTTP route listing a user's memberships outside the caller's own organizations, so "no other
     * membership remains" cannot be established; deleting the account (`/admin/remove-user`) would
     * take the person out of those too, irreversibly. An account left without membership is no
     * longer one of our users (`getUser` → `not_found`); invited again, the same account is invited.
     */
    async removeUser({ id, signal }) {
      const { snapshot: s, user } = await readUser(id, signal);
      await enforceActOn(s, user, 'remove', signal);
      const teamsNow = s.teamIdsByUser.get(id) ?? new Set<string>();
      try {
        await withUndo(async (undo) => {
          // Invitations first: canceling them can be undone over HTTP, removing a membership cannot (addMember option).
          await cancelAll(s.invitationsByEmail.get(user.email.toLowerCase()) ?? [], signal, undo);
          for (const m of s.membersByUser.get(id) ?? []) {
            await removeMember(m, s.teams.filter((t) => t.organizationId === m.organizationId && teamsNow.has(t.id)).map((t) => t.id), signal, undo);
          }
        });
      } finally {
        invalidateMemberships();
      }
    },

    async inviteUsers({ input: raw, signal }): Promise<InviteUsersResult> {
      throwIfAborted(signal);
      // The shared schema, as the reference store: at most MAX_INVITE_ADDRESSES addresses (`emails: too_long`), names cleaned and bounded.
      const input = parseInput(inviteUsersSchema, raw);
      // The classification and its order are the core's: SSO, invalid, duplicate (screenInvitees),
      // then already a user of ours, domain, disposable (classifyInvitee).
      // With nobody left to invite (every address under enforced SSO), nothing is checked or sent, as in the reference store.
      const screened = rules.screenInvitees(input.emails, { ssoEnforced: sso().enforced });
      if (screened.candidates.length === 0) return { invited: [], skipped: screened.skipped };
      const s = await loadStructure(signal);
      const role = mustRole(s, input.roleId);
      checkPermissions(role, input.permissions);
      const byOrg = resolveEntities(s, input.entityIds);
      // What the invitations grant is checked once for the call (core checkGrant): a refusal rejects it whole.
      enforceGrant(s, { isAdminRole: isAdminRole(role.id), entityIds: input.entityIds });
      // Status and email of every user of ours, from the roster: no record read.
      const { mapped } = await roster(signal);
      const byEmail = new Map(mapped.map((u) => [u.email.toLowerCase(), u]));
      const names = new Map(Object.entries(input.names ?? {}).map(([k, v]) => [emailKey(k), v]));
      const skipped: InviteUsersResult['skipped'] = [...screened.skipped];
      const toInvite: string[] = [];
      for (const email of screened.candidates) {
        const owner = byEmail.get(email);
        const facts = { existing: inviteeExisting(owner, email), domainAllowed: domainAllowed(email) };
        // The disposable check may be a request: made only when nothing before it applies.
        const reason = rules.classifyInvitee(facts) ?? rules.classifyInvitee({ ...facts, disposable: await isDisposable(email) });
        if (reason) skipped.push({ email, reason });
        else toInvite.push(email);
      }
      // Accounts outside our organizations (a user of other organizations, one removed from ours): invited as they are.
      const accounts = await accountsByEmail(toInvite, signal);
      // Each address is created and invited on its own: one that fails is undone (createInvited)
      // and reported in `failed`; the others go through. An abort, or a refusal of the whole call
      // (401, 403: the session expired, the admin may not invite), still rejects the call.
      const failed: InviteFailure[] = [];
      const done: string[] = [];
      let aborted: unknown = null;
      try {
        await mapWithConcurrency(toInvite, inviteConcurrency, async (email) => {
          const given = names.get(email);
          try {
            await createInvited(email, { firstName: given?.firstName ?? '', lastName: given?.lastName ?? '' }, role.id, byOrg, {}, signal, accounts.get(email));
            done.push(email);
          } catch (e) {
            if (isAbortError(e) || (isUserAdminError(e) && (e.code === 'unauthorized' || e.code === 'forbidden'))) aborted ??= e;
            else if (isUserAdminError(e) && e.reason === 'email_taken') skipped.push({ email, reason: 'already_member' });
            else if (isUserAdminError(e) && /ALREADY_INVITED/.test(e.message)) skipped.push({ email, reason: 'already_invited' });
            else failed.push(inviteFailure(email, e));
          }
        });
      } finally {
        invalidateMemberships();
      }
      if (aborted) throw aborted;
      const invited = await mergedInvitations(toInvite.filter((e) => done.includes(e)), signal);
      return { invited, skipped, failed };
    },

    async resendInvitation({ id, signal }) {
      throwIfAborted(signal);
      // Under enforced SSO users sign in through the identity provider: nothing is sent (core).
      enforceSso(sso().enforced, 'resendInvitation');
      const { email, pending, snapshot, invitee } = await invitationGroup(id, signal);
      // Who may resend to whom (core checkActOnUser): self and scope.
      enforceSelfAndScope(snapshot, inviteeTarget(invitee, pending), 'resendInvitation');
      try {
        await withUndo(async (undo) => {
          for (const inv of pending) {
            const expired = Date.parse(inv.expiresAt) <= Date.now();
            // better-auth renews an unexpired invitation in place; it ignores an expired one (and
            // would create a second): cancel that and invite again.
            if (expired) await cancelAll([inv], signal, undo);
            await post('/organization/invite-member', reinviteBody({ ...inv, email }, { resend: true }), signal);
          }
        });
      } finally {
        invalidateMemberships();
      }
      return mergedInvitation(email, signal);
    },

    async revokeInvitation({ id, signal }) {
      const { pending, snapshot, invitee } = await invitationGroup(id, signal);
      // As in the reference store (core checkActOnUser): revoking removes a user who never accepted
      // (no membership left: `remove`, with the last-admin rule), and edits a member (`edit`).
      const target = inviteeTarget(invitee, pending);
      if (invitee && invitee.status !== 'invited') enforceSelfAndScope(snapshot, target, 'edit');
      else if (invitee) await enforceActOn(snapshot, invitee, 'remove', signal);
      else enforceSelfAndScope(snapshot, target, 'remove');
      try {
        // Revoking cancels the invitations to our organizations, nothing more: the account is
        // never deleted (see removeUser). Without an invitation or membership left it is no
        // longer one of our users.
        await withUndo((undo) => cancelAll(pending, signal, undo));
      } finally {
        invalidateMemberships();
      }
    },
  };

  /** Updates a dynamic role (the adapter has `updateRole` only when the server has dynamic access control). */
  const updateRole: NonNullable<UserAdminAdapter['updateRole']> = async ({ id, patch, signal }) => {
    const s = await loadStructure(signal);
    const def = s.roleDefs.find((r) => r.id === id);
    if (!def) throw refuse('not_found', `Unknown role ${id}`, 'role_not_found');
    // A role's preset reaches users of every entity (core checkRoleEdit): only an admin of every entity changes it.
    enforceRoleEdit(s);
    if (!def.dynamic) throw refuse('forbidden', `${id} is a static role: it is defined in the server's code (organization({ roles })) and cannot be changed here`);
    const role = mustRole(s, id);
    // Known modules and levels, then the admin-only module rule (core), its field errors named after the role's field.
    checkRoleDefaults(role, patch.defaultPermissions);
    const moduleIds = new Set(modules.map((m) => m.id));
    const kept = Object.fromEntries(Object.entries(def.permissions).filter(([resource]) => !moduleIds.has(resource)));
    const permission = { ...kept, ...statementsFromLevels(patch.defaultPermissions, modules) };
    try {
      await withUndo(async (undo) => {
        // The role is per organization: the same name is updated in every organization that has it.
        for (const organizationId of s.dynamicRoleOrgs.get(id) ?? []) {
          await post('/organization/update-role', { roleName: id, organizationId, data: { permission } }, signal);
          const before = s.dynamicRolePermissions.get(id)?.get(organizationId) ?? {};
          undo.add(() => post('/organization/update-role', { roleName: id, organizationId, data: { permission: before } }), `role ${id} changed in ${organizationId}`);
        }
      });
    } finally {
      invalidate();
    }
    return mustRole(await loadStructure(signal), id);
  };

  /**
   * Sends a password reset link (the adapter has `sendPasswordReset` only with the `passwordReset`
   * option): the core's rule first (SSO, an active login user, scope), then better-auth's
   * `/request-password-reset` for the user's address, which emails the link through the server's
   * `sendResetPassword`. better-auth answers the same whether or not the address exists, so the
   * user is read first (not_found for one who is not ours). Nothing about the user changes.
   */
  const sendPasswordReset: NonNullable<UserAdminAdapter['sendPasswordReset']> = async ({ id, signal }) => {
    const reset = options.passwordReset;
    if (!reset) throw refuse('forbidden', 'The passwordReset option is not set: this adapter sends no password reset');
    const { snapshot: s, user } = await readUser(id, signal);
    enforcePasswordReset(s, user, sso().enforced);
    await post('/request-password-reset', { email: user.email, redirectTo: reset.redirectTo }, signal);
    return { sentTo: user.email, expiresAt: new Date(Date.now() + (reset.expiresIn ?? 3600) * 1000).toISOString() };
  };

  return { methods, updateRole, sendPasswordReset };
}
