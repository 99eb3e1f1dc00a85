/**
 * The fault soak: several hundred random admin actions (invite, edit, role change, activate,
 * deactivate, remove, bulk status, bulk remove, resend, revoke, and a write over someone else's
 * newer change), run through the library's own mutation options and query cache (exactly what
 * the hooks run, without React), with a share of injected faults (faults.ts) and aborted reads.
 *
 * After every step, once every refetch the step caused has settled, two things are checked
 * against the backend, read through a second adapter without faults:
 * 1. **What the screen said.** A success holds on the backend; a definite failure changed nothing
 *    (for the users it named, and nothing for anyone else either); a per-item bulk result holds
 *    item by item. A failure whose outcome the screen cannot know (`network`, `unknown`,
 *    `partially_applied`) claims nothing, but then:
 * 2. **What the screen shows.** The users list and the invitations list the screen observes hold
 *    exactly the backend's rows (status, role, entities, names, email, version, invitation).
 *
 * A difference is a divergence; the goal is none. Aborts: the observed users list moves to
 * another page while a write runs (what an admin paging away does), which cancels its request in
 * flight, then comes back.
 */
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { isAbortError, toUserAdminError, type UserAdminError } from '../../src/contract/errors';
import type { BulkResult, Invitation, InviteUsersResult, Page, Role, User, UserAdminAdapter } from '../../src/contract/types';
import { createUserAdminQueryClient } from '../../src/provider/queryClient';
import { invitationsListQueryOptions, usersListQueryOptions } from '../../src/query/options';
import type { InvitationsListParams, UsersListParams } from '../../src/query/keys';
import { setUserStatusMutationOptions } from '../../src/users/useSetUserStatus';
import { removeUserMutationOptions } from '../../src/users/useRemoveUser';
import { updateUserMutationOptions } from '../../src/users/useUpdateUser';
import { bulkRemoveUsersMutationOptions, bulkSetUserStatusMutationOptions } from '../../src/users/useBulkUserActions';
import { inviteUsersMutationOptions, resendInvitationMutationOptions, revokeInvitationMutationOptions } from '../../src/invitations/useInvitationMutations';
import { createRandom, type Random } from '../../mocks/random';
import { randomPlan, type FaultLayer, type WireFaultKind } from './faults';

/** One backend under soak. */
export interface SoakBackend {
  /** Shown in the report. */
  name: string;
  /** The adapter the screen uses, behind `faults`. */
  adapter: UserAdminAdapter;
  /** The client-side fault layer in front of `adapter`. */
  faults: FaultLayer;
  /** An adapter over the same backend without faults or caches: the truth. */
  truth: UserAdminAdapter;
  /** The backend's next write to this user fails (503), alone or as its item of a bulk call. Optional. */
  failWriteOf?(userId: string): void | Promise<void>;
  cleanup?(): void | Promise<void>;
}

export interface SoakOptions {
  /** How many steps. */
  steps: number;
  seed: number;
  /** Share of steps with a wire fault armed. Defaults to 0.3. */
  faultRate?: number;
  /** Share of steps whose observed list pages away mid-write. Defaults to 0.15. */
  abortRate?: number;
  /** Share of steps that run two actions at once (on different users). Defaults to 0.15. */
  concurrentRate?: number;
}

export interface SoakReport {
  backend: string;
  seed: number;
  steps: number;
  /** Actions run (a concurrent step runs two). */
  operations: number;
  operationsByKind: Record<string, number>;
  /** Wire faults that fired, by kind. */
  faultsInjected: number;
  faultsByKind: Partial<Record<WireFaultKind, number>>;
  /** Backend write failures armed for one user of a bulk call. */
  itemFaultsArmed: number;
  /** Reads in flight cancelled by paging away. */
  aborts: number;
  /** Outcomes: succeeded, refused (definite failure), unknown. */
  outcomes: { succeeded: number; refused: number; unknown: number };
  divergences: string[];
}

const LIST: UsersListParams = { pageIndex: 0, pageSize: 1000 };
const OTHER_PAGE: UsersListParams = { pageIndex: 0, pageSize: 1000, search: 'zz-soak-elsewhere' };
const INVITATIONS: InvitationsListParams = { pageIndex: 0, pageSize: 1000 };

/** What the check compares of a user: what the list shows and what a write may change. */
function viewOfUser(user: User) {
  return {
    status: user.status,
    kind: user.kind,
    email: user.email.toLowerCase(),
    firstName: user.firstName,
    lastName: user.lastName,
    roleId: user.roleId,
    entityIds: [...user.entityIds].sort().join(','),
    version: user.version ?? null,
    invitation: user.invitation ? `${user.invitation.id}:${user.invitation.status}:${user.invitation.expiresAt}` : null,
  };
}

function viewOfInvitation(invitation: Invitation) {
  return {
    status: invitation.status,
    userId: invitation.userId,
    email: invitation.email.toLowerCase(),
    expiresAt: invitation.expiresAt,
    roleId: invitation.roleId,
    entityIds: [...invitation.entityIds].sort().join(','),
  };
}

interface Truth {
  users: Map<string, ReturnType<typeof viewOfUser>>;
  usersTotal: number;
  invitations: Map<string, ReturnType<typeof viewOfInvitation>>;
  invitationsTotal: number;
}

function diff<T>(label: string, expected: Map<string, T>, actual: Map<string, T>, only?: (id: string) => boolean): string[] {
  const out: string[] = [];
  const ids = new Set([...expected.keys(), ...actual.keys()]);
  for (const id of ids) {
    if (only && !only(id)) continue;
    const a = expected.get(id);
    const b = actual.get(id);
    if (a === undefined) out.push(`${label} ${id}: not expected, found ${JSON.stringify(b)}`);
    else if (b === undefined) out.push(`${label} ${id}: expected ${JSON.stringify(a)}, missing`);
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${label} ${id}: ${fieldsApart(a, b)}`);
  }
  return out;
}

/** The fields two views differ on: `field: expected -> found`. */
function fieldsApart(expected: unknown, found: unknown): string {
  const a = expected as Record<string, unknown>;
  const b = found as Record<string, unknown>;
  return Object.keys({ ...a, ...b })
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => `${key}: ${JSON.stringify(a[key])} -> ${JSON.stringify(b[key])}`)
    .join('; ');
}

/** Reads the backend's state through the truth adapter (a read may be retried: no fault is armed on it, but a server may be slow). */
async function readTruth(truth: UserAdminAdapter): Promise<Truth> {
  const [users, invitations] = await Promise.all([truth.listUsers({ ...LIST }), truth.listInvitations({ ...INVITATIONS })]);
  return {
    users: new Map(users.items.map((u) => [u.id, viewOfUser(u)])),
    usersTotal: users.total,
    invitations: new Map(invitations.items.map((i) => [i.id, viewOfInvitation(i)])),
    invitationsTotal: invitations.total,
  };
}

type Outcome<T> = { kind: 'ok'; data: T } | { kind: 'refused'; error: UserAdminError } | { kind: 'unknown'; error: UserAdminError };

/** Whether a failure tells the screen the backend did nothing. */
function isDefinite(error: UserAdminError): boolean {
  return error.code !== 'network' && error.code !== 'unknown' && error.reason !== 'partially_applied';
}

async function mutate<TData, TVariables>(queryClient: QueryClient, options: object, variables: TVariables): Promise<Outcome<TData>> {
  // The options come from the library's factories; their generics are checked there.
  const observer = new MutationObserver<TData, UserAdminError, TVariables>(queryClient, options as never);
  try {
    return { kind: 'ok', data: await observer.mutate(variables) };
  } catch (e) {
    if (isAbortError(e)) throw e;
    const error = toUserAdminError(e);
    return isDefinite(error) ? { kind: 'refused', error } : { kind: 'unknown', error };
  }
}

async function settle(queryClient: QueryClient, timeoutMs = 20_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  // Two quiet checks in a row: a settled mutation may start a refetch on the next tick.
  let quiet = 0;
  while (Date.now() < until) {
    if (queryClient.isFetching() === 0 && queryClient.isMutating() === 0) {
      if (++quiet >= 2) return true;
    } else quiet = 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

/** One action: runs it, and says what it claims about the backend afterwards. */
interface Action {
  kind: string;
  /** Users the action names: only they may change. */
  targets: string[];
  /** Invitations the action names. */
  invitationTargets: string[];
  /** Runs the action; returns the claim checker to run on the truth afterwards. */
  run(): Promise<{ outcome: Outcome<unknown>; check(before: Truth, after: Truth): string[] }>;
  /** New addresses the action may create. */
  newEmails?: string[];
}

interface World {
  rng: Random;
  adapter: UserAdminAdapter;
  truth: UserAdminAdapter;
  queryClient: QueryClient;
  me: string;
  roles: Role[];
  entityIds: string[];
  domain: string;
  counter: { n: number };
  backend: SoakBackend;
  itemFaults: { n: number };
}

function unchanged(before: Truth, after: Truth, ids: readonly string[], label: string): string[] {
  const only = new Set(ids);
  return diff(`${label}: user`, before.users, after.users, (id) => only.has(id));
}

function cachedUsers(queryClient: QueryClient): User[] {
  return queryClient.getQueryData<Page<User>>(usersListQueryOptions({} as UserAdminAdapter, LIST).queryKey)?.items ?? [];
}

function cachedInvitations(queryClient: QueryClient): Invitation[] {
  return queryClient.getQueryData<Page<Invitation>>(invitationsListQueryOptions({} as UserAdminAdapter, INVITATIONS).queryKey)?.items ?? [];
}

/** Picks users the admin sees in the list (never the admin themself, most of the time). */
function pickUsers(world: World, count: number, taken: Set<string>, where: (user: User) => boolean = () => true): User[] {
  const pool = cachedUsers(world.queryClient).filter((u) => !taken.has(u.id) && where(u) && (u.id !== world.me || world.rng.chance(0.05)));
  const picked: User[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(world.rng.int(0, pool.length - 1), 1)[0]!);
  for (const user of picked) taken.add(user.id);
  return picked;
}

function versionOf(user: User): { expectedVersion?: string } {
  return user.version !== undefined ? { expectedVersion: user.version } : {};
}

/** The actions, each built on the users the screen shows. Returns null when none fits. */
function buildAction(world: World, kind: string, taken: Set<string>): Action | null {
  const { queryClient, adapter, rng } = world;
  switch (kind) {
    case 'status': {
      const [user] = pickUsers(world, 1, taken, (u) => u.kind === 'login' && u.status !== 'invited');
      if (!user) return null;
      const status = user.status === 'active' ? 'deactivated' : 'active';
      return {
        kind, targets: [user.id], invitationTargets: [],
        run: async () => {
          const outcome = await mutate(queryClient, setUserStatusMutationOptions(adapter, queryClient), { id: user.id, status, ...versionOf(user) });
          return {
            outcome,
            check: (before, after) =>
              outcome.kind === 'ok' ? (after.users.get(user.id)?.status === status ? [] : [`status ${user.id}: reported ${status}, backend holds ${after.users.get(user.id)?.status}`])
              : outcome.kind === 'refused' ? unchanged(before, after, [user.id], `status refused (${outcome.error.reason ?? outcome.error.code})`) : [],
          };
        },
      };
    }
    case 'remove': {
      const [user] = pickUsers(world, 1, taken);
      if (!user) return null;
      return {
        kind, targets: [user.id], invitationTargets: user.invitation ? [user.invitation.id] : [],
        run: async () => {
          const outcome = await mutate(queryClient, removeUserMutationOptions(adapter, queryClient), { id: user.id, ...versionOf(user) });
          return {
            outcome,
            check: (before, after) =>
              outcome.kind === 'ok' ? (after.users.has(user.id) ? [`remove ${user.id}: reported removed, backend still holds it`] : [])
              : outcome.kind === 'refused' ? unchanged(before, after, [user.id], `remove refused (${outcome.error.reason ?? outcome.error.code})`) : [],
          };
        },
      };
    }
    case 'edit':
    case 'role': {
      const [user] = pickUsers(world, 1, taken, (u) => u.kind === 'login');
      if (!user) return null;
      const nonAdmin = world.roles.filter((r) => !r.isAdmin && r.id !== user.roleId);
      const anyOther = world.roles.filter((r) => r.id !== user.roleId);
      const role = rng.chance(0.85) && nonAdmin.length > 0 ? rng.pick(nonAdmin) : anyOther.length > 0 ? rng.pick(anyOther) : null;
      if (kind === 'role' && !role) return null;
      const patch = kind === 'role' ? { roleId: role!.id } : { firstName: `Soak${++world.counter.n}` };
      return {
        kind, targets: [user.id], invitationTargets: [],
        run: async () => {
          const outcome = await mutate(queryClient, updateUserMutationOptions(adapter, queryClient), { id: user.id, patch, ...versionOf(user) });
          return {
            outcome,
            check: (before, after) => {
              if (outcome.kind === 'refused') return unchanged(before, after, [user.id], `${kind} refused (${outcome.error.reason ?? outcome.error.code})`);
              if (outcome.kind !== 'ok') return [];
              const held = after.users.get(user.id);
              const wrong = Object.entries(patch).filter(([field, value]) => held?.[field as 'roleId' | 'firstName'] !== value);
              return wrong.map(([field, value]) => `${kind} ${user.id}: reported ${field}=${value}, backend holds ${held?.[field as 'roleId' | 'firstName']}`);
            },
          };
        },
      };
    }
    case 'stale': {
      // Another admin changes the user after the screen read it; the screen then writes with the
      // version it read. A backend with versions must refuse it, keeping the other admin's change.
      const [user] = pickUsers(world, 1, taken, (u) => u.kind === 'login' && u.source !== 'sso' && u.firstName !== '' && u.version !== undefined && u.id !== world.me);
      if (!user) return null;
      const theirs = `Other${++world.counter.n}`;
      return {
        kind, targets: [user.id], invitationTargets: [],
        run: async () => {
          // A per-user fault armed for a bulk call that never reached it may still wait on the backend: try again.
          for (let attempt = 1; ; attempt++) {
            try {
              await world.truth.updateUser({ id: user.id, patch: { lastName: theirs } });
              break;
            } catch (error) {
              if (attempt >= 3) throw error;
            }
          }
          const outcome = await mutate(queryClient, updateUserMutationOptions(adapter, queryClient), { id: user.id, patch: { lastName: `Mine${world.counter.n}` }, ...versionOf(user) });
          // The other admin's change reaches this screen only through a `stale` refusal (which
          // refetches) or a later read: when the write failed otherwise, the admin reloads.
          if (!(outcome.kind === 'refused' && outcome.error.reason === 'stale')) await queryClient.invalidateQueries();
          return {
            outcome,
            check: (_before, after) => {
              const held = after.users.get(user.id)?.lastName;
              if (outcome.kind === 'ok') return [`stale ${user.id}: a write with an old version was accepted (backend holds ${held})`];
              if (outcome.kind === 'refused' && outcome.error.reason !== 'stale') return [];
              return held === theirs || outcome.kind === 'unknown' ? [] : [`stale ${user.id}: refused as stale but the other admin's change is lost (backend holds ${held})`];
            },
          };
        },
      };
    }
    case 'bulk-status':
    case 'bulk-remove': {
      const users = pickUsers(world, rng.int(2, 4), taken, (u) => kind === 'bulk-remove' || (u.kind === 'login' && u.status !== 'invited'));
      if (users.length < 2) return null;
      const ids = users.map((u) => u.id);
      const status = rng.chance(0.5) ? 'deactivated' : 'active';
      return {
        kind, targets: ids, invitationTargets: users.flatMap((u) => (kind === 'bulk-remove' && u.invitation ? [u.invitation.id] : [])),
        run: async () => {
          if (world.backend.failWriteOf && rng.chance(0.4)) {
            await world.backend.failWriteOf(rng.pick(ids));
            world.itemFaults.n++;
          }
          const outcome = kind === 'bulk-status'
            ? await mutate<BulkResult, unknown>(queryClient, bulkSetUserStatusMutationOptions(adapter, queryClient), { ids, status })
            : await mutate<BulkResult, unknown>(queryClient, bulkRemoveUsersMutationOptions(adapter, queryClient), { ids });
          return {
            outcome,
            check: (before, after) => {
              if (outcome.kind === 'refused') return unchanged(before, after, ids, `${kind} refused (${outcome.error.code})`);
              if (outcome.kind !== 'ok') return [];
              const out: string[] = [];
              for (const result of outcome.data.results) {
                const held = after.users.get(result.id);
                if (result.ok) {
                  if (kind === 'bulk-remove' && held) out.push(`${kind} ${result.id}: reported removed, backend still holds it`);
                  if (kind === 'bulk-status' && held?.status !== status) out.push(`${kind} ${result.id}: reported ${status}, backend holds ${held?.status}`);
                } else if (isDefinite(toUserAdminError(result.error))) {
                  out.push(...unchanged(before, after, [result.id], `${kind} item refused (${result.error.reason ?? result.error.code})`));
                }
              }
              const reported = new Set(outcome.data.results.map((r) => r.id));
              for (const id of ids) if (!reported.has(id)) out.push(`${kind} ${id}: no result for it`);
              return out;
            },
          };
        },
      };
    }
    case 'invite': {
      const fresh = Array.from({ length: rng.int(1, 3) }, () => `soak.${++world.counter.n}@${world.domain}`);
      const members = pickUsers(world, rng.chance(0.3) ? 1 : 0, taken).map((u) => u.email);
      const emails = [...fresh, ...members, ...(rng.chance(0.2) ? ['not-an-address'] : [])];
      const role = rng.pick(world.roles.filter((r) => !r.isAdmin).length > 0 ? world.roles.filter((r) => !r.isAdmin) : world.roles);
      const input = { emails, roleId: role.id, entityIds: [rng.pick(world.entityIds)] };
      return {
        kind, targets: [], invitationTargets: [], newEmails: fresh,
        run: async () => {
          const outcome = await mutate<InviteUsersResult, unknown>(queryClient, inviteUsersMutationOptions(adapter, queryClient), input);
          return {
            outcome,
            check: (_before, after) => {
              const byEmail = new Map([...after.users.entries()].map(([id, u]) => [u.email, { id, ...u }]));
              if (outcome.kind === 'refused') return fresh.filter((e) => byEmail.has(e)).map((e) => `invite refused (${outcome.error.code}): ${e} was created anyway`);
              if (outcome.kind !== 'ok') return [];
              const out: string[] = [];
              for (const invitation of outcome.data.invited) {
                const held = byEmail.get(invitation.email.toLowerCase());
                if (!held) out.push(`invite ${invitation.email}: reported invited, backend has no such user`);
                if (!after.invitations.has(invitation.id)) out.push(`invite ${invitation.email}: reported invitation ${invitation.id}, backend has none`);
              }
              const notInvited = [...outcome.data.skipped.map((s) => s.email), ...(outcome.data.failed ?? []).map((f) => f.email)];
              for (const email of notInvited) {
                if (fresh.includes(email.toLowerCase()) && byEmail.has(email.toLowerCase())) out.push(`invite ${email}: reported not invited, backend created it`);
              }
              const accounted = new Set([...outcome.data.invited.map((i) => i.email.toLowerCase()), ...notInvited.map((e) => e.toLowerCase())]);
              for (const email of emails) if (!accounted.has(email.toLowerCase())) out.push(`invite ${email}: not in invited, skipped or failed`);
              return out;
            },
          };
        },
      };
    }
    case 'resend':
    case 'revoke': {
      const pending = cachedInvitations(queryClient).filter((i) => !taken.has(i.userId));
      if (pending.length === 0) return null;
      const invitation = rng.pick(pending);
      taken.add(invitation.userId);
      return {
        kind, targets: [invitation.userId], invitationTargets: [invitation.id],
        run: async () => {
          const outcome = kind === 'resend'
            ? await mutate<Invitation, unknown>(queryClient, resendInvitationMutationOptions(adapter, queryClient), { id: invitation.id })
            : await mutate<void, unknown>(queryClient, revokeInvitationMutationOptions(adapter, queryClient), { id: invitation.id });
          return {
            outcome,
            check: (before, after) => {
              if (outcome.kind === 'refused') {
                return [
                  ...unchanged(before, after, [invitation.userId], `${kind} refused (${outcome.error.reason ?? outcome.error.code})`),
                  ...diff(`${kind} refused: invitation`, before.invitations, after.invitations, (id) => id === invitation.id),
                ];
              }
              if (outcome.kind !== 'ok') return [];
              if (kind === 'revoke') return after.invitations.has(invitation.id) ? [`revoke ${invitation.id}: reported cancelled, backend still holds it`] : [];
              const resent = outcome.data as Invitation;
              const held = after.invitations.get(resent.id);
              return held?.expiresAt === resent.expiresAt ? [] : [`resend ${invitation.id}: reported expiry ${resent.expiresAt}, backend holds ${held?.expiresAt}`];
            },
          };
        },
      };
    }
    default:
      throw new Error(`unknown action ${kind}`);
  }
}

const KINDS = ['status', 'status', 'remove', 'edit', 'role', 'role', 'stale', 'bulk-status', 'bulk-remove', 'invite', 'invite', 'resend', 'revoke'];

/**
 * Runs the soak on one backend and returns its figures; the caller asserts `divergences` is empty.
 * @example
 * const report = await runSoak(backend, { steps: 300, seed: 1 });
 * expect(report.divergences).toEqual([]);
 */
export async function runSoak(backend: SoakBackend, options: SoakOptions): Promise<SoakReport> {
  const rng = createRandom(options.seed);
  const queryClient = createUserAdminQueryClient();
  const settings = await backend.truth.getSettings();
  const me = settings.currentUser.id;
  const [roles, entities, meUser] = await Promise.all([
    backend.truth.listRoles(),
    backend.truth.listEntities({ pageIndex: 0, pageSize: 1000 }),
    backend.truth.getUser({ id: me }),
  ]);
  const world: World = {
    rng, queryClient, me, roles, backend,
    adapter: backend.adapter,
    truth: backend.truth,
    entityIds: entities.items.filter((e) => e.kind !== 'group').map((e) => e.id),
    domain: meUser.email.split('@')[1]!,
    counter: { n: 0 },
    itemFaults: { n: 0 },
  };
  if (world.entityIds.length === 0) world.entityIds = entities.items.map((e) => e.id);

  // What the screen observes: the users list and the pending invitations.
  const users = new QueryObserver(queryClient, usersListQueryOptions(backend.adapter, LIST));
  const invitations = new QueryObserver(queryClient, invitationsListQueryOptions(backend.adapter, INVITATIONS));
  const unsubscribe = [users.subscribe(() => {}), invitations.subscribe(() => {})];

  const report: SoakReport = {
    backend: backend.name, seed: options.seed, steps: options.steps, operations: 0, operationsByKind: {},
    faultsInjected: 0, faultsByKind: {}, itemFaultsArmed: 0, aborts: 0,
    outcomes: { succeeded: 0, refused: 0, unknown: 0 }, divergences: [],
  };
  const faultRate = options.faultRate ?? 0.3;
  const abortRate = options.abortRate ?? 0.15;
  const concurrentRate = options.concurrentRate ?? 0.15;

  try {
    if (!(await settle(queryClient))) throw new Error('the first reads did not settle');
    for (let step = 1; step <= options.steps; step++) {
      const taken = new Set<string>();
      const wanted = rng.chance(concurrentRate) ? 2 : 1;
      const actions: Action[] = [];
      for (let tries = 0; actions.length < wanted && tries < 10; tries++) {
        const action = buildAction(world, rng.pick(KINDS), taken);
        // Two actions at once only on different users: `taken` holds the users already picked.
        if (action) actions.push(action);
      }
      if (actions.length === 0) continue;
      const before = await readTruth(backend.truth);
      if (rng.chance(faultRate)) backend.faults.arm(randomPlan(rng));
      const pageAway = rng.chance(abortRate);
      const running = actions.map((action) => action.run());
      if (pageAway) {
        // The admin pages away as the first write settles (the refetch it started is cancelled),
        // then comes back.
        await Promise.race(running);
        await new Promise((resolve) => setTimeout(resolve, rng.int(0, 2)));
        const list = queryClient.getQueryCache().find({ queryKey: usersListQueryOptions(backend.adapter, LIST).queryKey, exact: true });
        if (list?.state.fetchStatus === 'fetching') report.aborts++;
        users.setOptions(usersListQueryOptions(backend.adapter, OTHER_PAGE));
        await new Promise((resolve) => setTimeout(resolve, rng.int(0, 8)));
        users.setOptions(usersListQueryOptions(backend.adapter, LIST));
      }
      const results = await Promise.all(running);
      const fired = backend.faults.disarm();
      if (fired) {
        report.faultsInjected++;
        report.faultsByKind[fired] = (report.faultsByKind[fired] ?? 0) + 1;
      }
      const settled = await settle(queryClient);
      const after = await readTruth(backend.truth);
      const label = `step ${step} (${actions.map((a) => a.kind).join(' + ')}${fired ? `, fault ${fired}` : ''})`;
      const found: string[] = [];
      if (!settled) found.push('the screen did not settle within 20 s');
      const named = new Set(actions.flatMap((a) => a.targets));
      const namedInvitations = new Set(actions.flatMap((a) => a.invitationTargets));
      const newEmails = new Set(actions.flatMap((a) => a.newEmails ?? []));
      results.forEach(({ outcome, check }, i) => {
        report.operations++;
        report.operationsByKind[actions[i]!.kind] = (report.operationsByKind[actions[i]!.kind] ?? 0) + 1;
        report.outcomes[outcome.kind === 'ok' ? 'succeeded' : outcome.kind]++;
        found.push(...check(before, after));
      });
      // Nobody the actions did not name changed (new invitees aside).
      found.push(...diff('a user no action named', before.users, after.users, (id) => !named.has(id) && !newEmails.has(after.users.get(id)?.email ?? '')));
      found.push(...diff('an invitation no action named', before.invitations, after.invitations, (id) => {
        const invitation = after.invitations.get(id) ?? before.invitations.get(id)!;
        return !namedInvitations.has(id) && !named.has(invitation.userId) && !newEmails.has(invitation.email);
      }));
      // What the screen shows is what the backend holds.
      const shownUsers = queryClient.getQueryData<Page<User>>(usersListQueryOptions(backend.adapter, LIST).queryKey);
      const shownInvitations = queryClient.getQueryData<Page<Invitation>>(invitationsListQueryOptions(backend.adapter, INVITATIONS).queryKey);
      const listDiff = diff('users list shows', after.users, new Map((shownUsers?.items ?? []).map((u) => [u.id, viewOfUser(u)])));
      if (listDiff.length > 0) {
        const query = queryClient.getQueryCache().find({ queryKey: usersListQueryOptions(backend.adapter, LIST).queryKey, exact: true });
        listDiff.push(`(users list query: invalidated ${query?.state.isInvalidated}, ${query?.state.fetchStatus}, ${query?.state.status}, observers ${query?.getObserversCount()}, fetched ${query?.state.dataUpdateCount} times${pageAway ? ', paged away this step' : ''})`);
      }
      found.push(...listDiff);
      if (shownUsers && shownUsers.total !== after.usersTotal) found.push(`users list total: shows ${shownUsers.total}, backend ${after.usersTotal}`);
      found.push(...diff('invitations list shows', after.invitations, new Map((shownInvitations?.items ?? []).map((i) => [i.id, viewOfInvitation(i)]))));
      if (shownInvitations && shownInvitations.total !== after.invitationsTotal) found.push(`invitations list total: shows ${shownInvitations.total}, backend ${after.invitationsTotal}`);
      for (const divergence of found) report.divergences.push(`${label}: ${divergence}`);
      // After a divergence the screen is reloaded, so one defect is not counted at every later step.
      if (found.length > 0) {
        await queryClient.invalidateQueries();
        await settle(queryClient);
      }
    }
  } finally {
    for (const stop of unsubscribe) stop();
    queryClient.clear();
  }
  report.itemFaultsArmed = world.itemFaults.n;
  return report;
}

/**
 * One line of figures for the run's output.
 * @example
 * console.log(formatReport(report));
 */
export function formatReport(report: SoakReport): string {
  const kinds = Object.entries(report.operationsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const faults = Object.entries(report.faultsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `soak ${report.backend} (seed ${report.seed}): ${report.steps} steps, ${report.operations} operations (${kinds});`,
    `${report.faultsInjected} wire faults (${faults}), ${report.itemFaultsArmed} bulk item faults armed, ${report.aborts} reads aborted;`,
    `outcomes: ${report.outcomes.succeeded} succeeded, ${report.outcomes.refused} refused, ${report.outcomes.unknown} unknown;`,
    `${report.divergences.length} divergences`,
  ].join(' ');
}

/**
 * Prints the figures and keeps them in `test-results/soak/<backend>.json` for the closing note.
 * @example
 * await recordReport(report);
 */
export async function recordReport(report: SoakReport): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const dir = 'test-results/soak';
  await mkdir(dir, { recursive: true });
  const file = `${dir}/${report.backend.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.json`;
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report));
}

/** Steps and seed, from SOAK_STEPS and SOAK_SEED when set (a longer run on a quiet machine). */
export function soakOptions(defaultSteps: number, defaultSeed: number): SoakOptions {
  const steps = Number(process.env.SOAK_STEPS ?? defaultSteps);
  const seed = Number(process.env.SOAK_SEED ?? defaultSeed);
  return { steps: Number.isFinite(steps) && steps > 0 ? steps : defaultSteps, seed: Number.isFinite(seed) ? seed : defaultSeed };
}
