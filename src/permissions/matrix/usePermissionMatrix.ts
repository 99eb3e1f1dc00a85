import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { toUserAdminError, UserAdminError, type DomainErrorReason } from '../../contract/errors';
import type { Module, ModulePermissions, Role, Settings, User } from '../../contract/types';
import { useUserAdminContext } from '../../provider/context';
import { invalidateCounts, isOutcomeUnknown, refetchAfterPartial, writeUser } from '../../query/cache/users';
import { mapWithConcurrency } from '../../query/concurrency';
import { userAdminKeys } from '../../query/keys';
import { callAdapter } from '../../query/normalize';
import { useControllable } from '../../query/useControllable';
import { useModules } from '../../settings/useModules';
import { useRoles } from '../../settings/useRoles';
import { useSettings } from '../../settings/useSettings';
import { userDisplayName } from '../../users/model/columns';
import { useActiveAdminCount } from '../../users/model/useActiveAdminCount';
import { DEFAULT_BULK_CONCURRENCY } from '../../users/useBulkUserActions';
import { useUserList, type UseUserListResult } from '../../users/useUserList';
import {
  applyRolePreset, checkAccessChange, checkActOnUser, checkRoleEdit, clearAdminOnly, isActiveAdminUser, normalizePermissions, refusalError,
} from '../../core';
import { useActingRules } from '../../entities/useActingRules';
import { useEntitiesByIds } from '../../entities/useEntities';
import { writeRole } from '../useUpdateRole';
import { diffPermissions, setCellLevel, setColumnLevel, setRowLevel, type PermissionValues, type RowLevelChoice } from './helpers';
import type { PermissionGridRow } from './PermissionGrid';

/** What the rows of a permission matrix are: users (login users, paged) or roles (their presets). */
export type PermissionMatrixSource = 'users' | 'roles';

/** The outcome of a save: the rows saved, and those that failed with the reason. */
export interface PermissionMatrixSaveResult {
  saved: string[];
  failed: { id: string; error: UserAdminError }[];
}

/** Options of {@link usePermissionMatrix}. */
export interface UsePermissionMatrixOptions {
  /** Defaults to `'users'`. */
  source?: PermissionMatrixSource;
  /** The pending edits (row id → that row's full new access), when the host owns them. Defaults to uncontrolled. */
  value?: PermissionValues;
  /** The pending edits to start from when uncontrolled. Defaults to none. */
  defaultValue?: PermissionValues;
  /** Called with the pending edits on every change. Defaults to none. */
  onValueChange?: (next: PermissionValues) => void;
  /** Users per page. Defaults to 25. */
  pageSize?: number;
  /** At most this many updates in flight while saving. Defaults to 4. */
  concurrency?: number;
  /** Called after each save with what was saved and what failed. Defaults to none. */
  onSaved?: (result: PermissionMatrixSaveResult) => void;
}

/** What {@link usePermissionMatrix} returns. */
export interface UsePermissionMatrixResult {
  source: PermissionMatrixSource;
  /** The rows shown: this page's login users, or every role. Each row's role is its pending one. */
  rows: PermissionGridRow[];
  modules: Module[];
  roles: Role[];
  rolesById: ReadonlyMap<string, Role>;
  settings: Settings | undefined;
  /** The users list (search, paging) in users mode; `null` in roles mode. */
  list: UseUserListResult | null;
  isLoading: boolean;
  error: UserAdminError | null;
  refetch: () => void;
  /** The saved access of the rows shown. */
  baseline: PermissionValues;
  /** The access of the rows shown, pending edits included. */
  draft: PermissionValues;
  /** Every pending edit (over every page): row id → that row's full new access. */
  pending: PermissionValues;
  /** Pending role changes of users: user id → new role id. */
  pendingRoles: Record<string, string>;
  /** Changed cells plus changed roles, over every page. */
  changedCount: number;
  /** Sets the access of the rows shown (what a {@link PermissionGrid} `onValueChange` gives). */
  setDraft: (next: PermissionValues) => void;
  setCell: (rowId: string, moduleId: string, level: string) => void;
  setRow: (rowId: string, choice: RowLevelChoice) => void;
  /** Sets a module for every row shown (rows where it is locked are skipped). */
  setColumn: (moduleId: string, level: string) => void;
  /** Sets a row to its role's preset. */
  applyPreset: (rowId: string) => void;
  /**
   * Changes a user's role (pending). A promotion unlocks admin-only modules; a demotion sets them
   * back to no access. Demoting yourself or the last active admin is refused: the refusal is
   * returned and kept in `rowErrors`, and nothing changes. Returns `null` when applied.
   */
  setRole: (rowId: string, roleId: string) => UserAdminError | null;
  /**
   * Why giving a user this role would be refused (the core's `checkAccessChange`: own demotion,
   * a user outside the admin's scope, the last active admin), to disable it; `null` when allowed.
   */
  roleRefusal: (rowId: string, roleId: string) => UserAdminError | null;
  /** Why a user row cannot be changed at all (outside the admin's scope: `outside_scope`); `null` when it can. */
  rowRefusal: (rowId: string) => UserAdminError | null;
  /** The user shown in a row (users mode). */
  userOf: (rowId: string) => User | undefined;
  /** Why a row could not be saved (or a role change was refused). */
  rowErrors: Record<string, UserAdminError>;
  save: () => Promise<PermissionMatrixSaveResult>;
  isSaving: boolean;
  /** Drops every pending edit and row error. */
  discard: () => void;
  /**
   * Roles mode where nothing can change: the adapter has no `updateRole`, or the core refuses role
   * editing to the acting admin (`checkRoleEdit`: a role applies to users of every entity, so only
   * an admin of every entity, at group level, changes it).
   */
  readOnly: boolean;
  /**
   * Why the roles are read-only when the core refuses (`outside_scope`, shown as
   * `errors.reason.outside_scope`); `null` otherwise (also when only the adapter lacks `updateRole`).
   */
  readOnlyReason: DomainErrorReason | null;
}

const EMPTY: PermissionValues = {};

/** The cells of `next` whose level differs from `start`'s: module id → new level. */
function changedCells(start: ModulePermissions | undefined, next: ModulePermissions | undefined, modules: readonly Module[]): ModulePermissions {
  if (!next) return {};
  const from = normalizePermissions(start ?? {}, modules);
  const to = normalizePermissions(next, modules);
  return Object.fromEntries(diffPermissions(from, to, modules).map((id) => [id, to[id] ?? '']));
}
const NO_MODULES: Module[] = [];
const NO_ROLES: Role[] = [];

interface KnownRow {
  permissions: ModulePermissions;
  roleId: string | null;
  status: User['status'] | null;
  /** The row's `version` (user or role), when the backend has versions. */
  version?: string;
}

const knownUser = (user: User): KnownRow => ({
  permissions: user.permissions, roleId: user.roleId, status: user.status, ...(user.version !== undefined ? { version: user.version } : {}),
});
const knownRole = (role: Role): KnownRow => ({
  permissions: role.defaultPermissions, roleId: role.id, status: null, ...(role.version !== undefined ? { version: role.version } : {}),
});

/**
 * The state of a permission matrix: the rows (this page of login users, or the roles), their saved
 * access, the pending edits (kept by row id across pages, controlled or not), role changes with the
 * self and last-admin guards, and `save()`, which sends one `updateUser` (or `updateRole`) per
 * changed row with bounded concurrency. Failed rows keep their edits and get their reason in
 * `rowErrors`; saved rows are written to the cache and the lists refetched.
 *
 * @example
 * const matrix = usePermissionMatrix({ pageSize: 50 });
 * <PermissionGrid label="Access" rows={matrix.rows} modules={matrix.modules} value={matrix.draft}
 *   baseline={matrix.baseline} rowErrors={matrix.rowErrors} onValueChange={matrix.setDraft} />
 * <button onClick={() => void matrix.save()}>Save {matrix.changedCount}</button>
 */
export function usePermissionMatrix(options: UsePermissionMatrixOptions = {}): UsePermissionMatrixResult {
  const { source = 'users', pageSize = 25, concurrency = DEFAULT_BULK_CONCURRENCY } = options;
  const { adapter, capabilities } = useUserAdminContext('usePermissionMatrix');
  const queryClient = useQueryClient();
  const users = source === 'users';

  const settingsQuery = useSettings();
  const modulesQuery = useModules();
  const rolesQuery = useRoles();
  const list = useUserList({ defaultState: { pageSize, filter: { kind: 'login' } }, enabled: users });
  const modules = modulesQuery.data ?? NO_MODULES;
  const roles = rolesQuery.data ?? NO_ROLES;
  const rolesById = useMemo(() => new Map(roles.map((role) => [role.id, role])), [roles]);
  const { count: activeAdminCount } = useActiveAdminCount(users ? roles : undefined);
  const currentUserId = settingsQuery.data?.currentUser.id;

  const [pending, setPending] = useControllable<PermissionValues>(options.value, options.defaultValue ?? EMPTY, options.onValueChange);
  const [pendingRoles, setPendingRoles] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, UserAdminError>>({});
  const [isSaving, setIsSaving] = useState(false);

  // Every row seen, so edits on other pages can be counted and saved.
  const known = useRef(new Map<string, KnownRow>());
  // Each row as it was when its editing began (first seen, or refetched while it had no pending
  // edit, or saved): a save sends only the cells changed since, with that row's version.
  const opened = useRef(new Map<string, KnownRow>());
  const usersById = useRef(new Map<string, User>());
  const loginUsers = useMemo(() => list.items.filter((user) => user.kind === 'login'), [list.items]);
  const see = (id: string, row: KnownRow) => {
    known.current.set(id, row);
    if (!opened.current.has(id) || (!(id in pending) && !(id in pendingRoles))) opened.current.set(id, row);
  };
  if (users) {
    for (const user of loginUsers) {
      see(user.id, knownUser(user));
      usersById.current.set(user.id, user);
    }
  } else {
    for (const role of roles) see(role.id, knownRole(role));
  }

  // The core's rules for the acting admin, over the entities of the users shown.
  const entityIds = useMemo(() => [...new Set(loginUsers.flatMap((user) => user.entityIds))].sort(), [loginUsers]);
  const entities = useEntitiesByIds(users ? entityIds : []);
  const hiddenEntityIds = useMemo(
    () => (entities.isSuccess ? entityIds.filter((id) => !entities.byId.has(id)) : []),
    [entities.isSuccess, entities.byId, entityIds],
  );
  const { rules } = useActingRules(entities.byId, hiddenEntityIds);
  // A role preset is changed only by an admin of every entity (core `checkRoleEdit`), as the backends refuse it otherwise.
  const roleEditRefusal = rules ? checkRoleEdit(rules) : null;
  const rowRefusal = useCallback(
    (rowId: string): UserAdminError | null => {
      const user = users ? usersById.current.get(rowId) : undefined;
      const refusal = user && rules ? checkActOnUser(rules, user, 'edit') : null;
      return refusal ? refusalError(refusal) : null;
    },
    [users, rules],
  );

  const roleOf = useCallback(
    (rowId: string): Role | null => {
      if (!users) return rolesById.get(rowId) ?? null;
      const roleId = pendingRoles[rowId] ?? known.current.get(rowId)?.roleId ?? null;
      return roleId ? rolesById.get(roleId) ?? null : null;
    },
    [users, rolesById, pendingRoles],
  );

  const rows = useMemo<PermissionGridRow[]>(() => {
    if (!users) return roles.map((role) => ({ id: role.id, label: role.name, role }));
    return loginUsers.map((user) => ({
      id: user.id, label: userDisplayName(user), role: roleOf(user.id), ...(rowRefusal(user.id) ? { readOnly: true } : {}),
    }));
  }, [users, roles, loginUsers, roleOf, rowRefusal]);

  const baseline = useMemo(() => {
    const result: PermissionValues = {};
    for (const row of rows) result[row.id] = known.current.get(row.id)?.permissions ?? {};
    return result;
  }, [rows]);
  const draft = useMemo(() => {
    const result: PermissionValues = {};
    for (const row of rows) result[row.id] = pending[row.id] ?? baseline[row.id] ?? {};
    return result;
  }, [rows, pending, baseline]);

  const changedCount = useMemo(() => {
    let count = Object.keys(pendingRoles).length;
    for (const [rowId, permissions] of Object.entries(pending)) count += diffPermissions(known.current.get(rowId)?.permissions, permissions, modules).length;
    return count;
  }, [pending, pendingRoles, modules]);

  // --- Edits ----------------------------------------------------------------------------------
  const editRows = useCallback(
    (next: PermissionValues) => {
      setPending((current) => {
        let result = current;
        for (const [rowId, permissions] of Object.entries(next)) {
          if (rowRefusal(rowId)) continue; // a user outside the admin's scope is read-only
          const base = known.current.get(rowId)?.permissions;
          const changed = diffPermissions(base, permissions, modules).length > 0;
          if (!changed) {
            if (rowId in result) {
              const { [rowId]: _dropped, ...rest } = result;
              result = rest;
            }
          } else if (!result[rowId] || diffPermissions(result[rowId], permissions, modules).length > 0) {
            result = { ...result, [rowId]: normalizePermissions(permissions, modules) };
          }
        }
        return result;
      });
    },
    [setPending, modules, rowRefusal],
  );

  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const currentOf = (rowId: string) => pending[rowId] ?? known.current.get(rowId)?.permissions ?? {};

  const setDraft = useCallback(
    (next: PermissionValues) => {
      const changed: PermissionValues = {};
      for (const [rowId, permissions] of Object.entries(next)) if (permissions !== latestDraft.current[rowId]) changed[rowId] = permissions;
      editRows(changed);
    },
    [editRows],
  );

  const setCell = (rowId: string, moduleId: string, level: string) => {
    const module = modules.find((m) => m.id === moduleId);
    if (!module) return;
    const next = setCellLevel({ [rowId]: currentOf(rowId) }, rowId, module, level, roleOf(rowId));
    editRows(next);
  };
  const setRow = (rowId: string, choice: RowLevelChoice) => editRows({ [rowId]: setRowLevel(modules, choice, roleOf(rowId)) });
  const setColumn = (moduleId: string, level: string) => {
    const module = modules.find((m) => m.id === moduleId);
    if (module) editRows(setColumnLevel(draft, rows, module, level));
  };
  const applyPreset = (rowId: string) => {
    const role = roleOf(rowId);
    if (role) editRows({ [rowId]: applyRolePreset(role, modules) });
  };

  const roleRefusal = (rowId: string, roleId: string): UserAdminError | null => {
    const user = known.current.get(rowId);
    const target = usersById.current.get(rowId);
    const next = rolesById.get(roleId);
    if (!users || !user || !next) return null;
    const base = user.roleId ? rolesById.get(user.roleId) : undefined;
    const wasAdmin = base?.isAdmin === true;
    // The last active admin: the other demotions pending count as done.
    let lastActiveAdmin = false;
    // The users the last-admin rule counts, as the core counts them (matrix rows are login users).
    const isAdminRole = (id: string) => rolesById.get(id)?.isAdmin;
    const activeAdmin = (row: KnownRow) => row.status !== null && isActiveAdminUser({ kind: 'login', status: row.status, roleId: row.roleId }, isAdminRole);
    if (wasAdmin && !next.isAdmin && activeAdmin(user) && activeAdminCount !== undefined) {
      const otherDemotions = Object.entries(pendingRoles).filter(([id, pendingRoleId]) => {
        const other = known.current.get(id);
        return id !== rowId && other !== undefined && activeAdmin(other) && isAdminRole(pendingRoleId) !== true;
      }).length;
      lastActiveAdmin = activeAdminCount - otherDemotions <= 1;
    }
    const actor = rules ?? (currentUserId ? { actor: { id: currentUserId, isAdmin: true, adminScope: null }, ancestry: () => undefined } : undefined);
    const refusal = actor && target ? checkAccessChange(actor, target, { wasAdmin, staysAdmin: next.isAdmin, lastActiveAdmin }) : null;
    return refusal ? refusalError(refusal) : null;
  };

  const setRole = (rowId: string, roleId: string): UserAdminError | null => {
    const user = known.current.get(rowId);
    const next = rolesById.get(roleId);
    if (!users || !user || !next) return null;
    const refusal = roleRefusal(rowId, roleId);
    if (refusal) {
      setRowErrors((current) => ({ ...current, [rowId]: refusal }));
      return refusal;
    }
    setRowErrors((current) => {
      if (!(rowId in current)) return current;
      const { [rowId]: _cleared, ...rest } = current;
      return rest;
    });
    setPendingRoles((current) => {
      const { [rowId]: _previous, ...rest } = current;
      return roleId === user.roleId ? rest : { ...rest, [rowId]: roleId };
    });
    if (!next.isAdmin) {
      const permissions = currentOf(rowId);
      const cleared = clearAdminOnly(normalizePermissions(permissions, modules), modules);
      if (diffPermissions(permissions, cleared, modules).length > 0) editRows({ [rowId]: cleared });
    }
    return null;
  };

  const discard = () => {
    setPending(EMPTY);
    setPendingRoles({});
    setRowErrors({});
  };

  // --- Save -----------------------------------------------------------------------------------
  const onSavedRef = useRef(options.onSaved);
  onSavedRef.current = options.onSaved;
  const save = async (): Promise<PermissionMatrixSaveResult> => {
    const ids = [...new Set([...Object.keys(pending), ...(users ? Object.keys(pendingRoles) : [])])];
    const result: PermissionMatrixSaveResult = { saved: [], failed: [] };
    if (ids.length === 0 || isSaving) return result;
    if (!users && roleEditRefusal) {
      const error = refusalError(roleEditRefusal);
      for (const id of ids) result.failed.push({ id, error });
      setRowErrors((current) => ({ ...current, ...Object.fromEntries(ids.map((id) => [id, error])) }));
      onSavedRef.current?.(result);
      return result;
    }
    setIsSaving(true);
    const freshRow = async (id: string): Promise<KnownRow | null> => {
      if (users) {
        const user = await callAdapter(() => adapter.getUser({ id }));
        writeUser(queryClient, id, () => user);
        usersById.current.set(id, user);
        return knownUser(user);
      }
      const role = (await callAdapter(() => adapter.listRoles())).find((r) => r.id === id);
      return role ? knownRole(role) : null;
    };
    const sentRoles = new Map<string, string | undefined>();
    try {
      const outcomes = await mapWithConcurrency(ids, concurrency, async (id) => {
        const roleId = users ? pendingRoles[id] : undefined;
        const role = users ? (rolesById.get(roleId ?? known.current.get(id)?.roleId ?? '') ?? null) : (rolesById.get(id) ?? null);
        const start = opened.current.get(id) ?? known.current.get(id);
        // Only the cells the admin changed since the row opened, laid over the latest values known
        // of the row (the permissions of a write replace the row's, so the others are carried as
        // the server last had them, never as they were when the row opened).
        const changed = changedCells(start?.permissions, pending[id], modules);
        const permissions = Object.keys(changed).length > 0
          ? normalizePermissions({ ...normalizePermissions(known.current.get(id)?.permissions ?? {}, modules), ...changed }, modules, role)
          : null;
        const versioned = start?.version !== undefined ? { expectedVersion: start.version } : {};
        sentRoles.set(id, roleId);
        if (!permissions && !roleId) return { id, ok: true as const }; // nothing changed since the row opened
        try {
          if (users) {
            const patch = { ...(roleId ? { roleId } : {}), ...(permissions ? { permissions } : {}) };
            const updated = await callAdapter(() => adapter.updateUser({ id, patch, ...versioned }));
            writeUser(queryClient, id, () => updated.user);
            known.current.set(id, knownUser(updated.user));
            opened.current.set(id, knownUser(updated.user));
          } else {
            const updateRole = adapter.updateRole;
            if (!updateRole) throw new UserAdminError('forbidden', 'The adapter has no updateRole');
            const updated = await callAdapter(() => updateRole.call(adapter, { id, patch: { defaultPermissions: permissions ?? {} }, ...versioned }));
            writeRole(queryClient, updated);
            known.current.set(id, knownRole(updated));
            opened.current.set(id, knownRole(updated));
          }
          return { id, ok: true as const };
        } catch (error) {
          const failure = toUserAdminError(error);
          // Someone else changed the row: start again from theirs, keeping the admin's changed cells.
          const rebased = failure.reason === 'stale' ? await freshRow(id).catch(() => null) : null;
          return { id, ok: false as const, error: failure, rebased: rebased ? { row: rebased, changed } : null };
        }
      });
      for (const outcome of outcomes) {
        if (outcome.ok) result.saved.push(outcome.id);
        else result.failed.push({ id: outcome.id, error: outcome.error });
      }
      const rebased = outcomes.flatMap((outcome) => (!outcome.ok && outcome.rebased ? [{ id: outcome.id, ...outcome.rebased }] : []));
      if (rebased.length > 0) {
        for (const { id, row } of rebased) {
          known.current.set(id, row);
          opened.current.set(id, row);
        }
        setPending((current) => {
          const next = { ...current };
          for (const { id, row, changed } of rebased) {
            if (Object.keys(changed).length > 0) next[id] = normalizePermissions({ ...normalizePermissions(row.permissions, modules), ...changed }, modules);
          }
          return next;
        });
        if (users) void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
        else void queryClient.invalidateQueries({ queryKey: userAdminKeys.roles() });
      }
    } finally {
      setIsSaving(false);
    }
    const savedIds = new Set(result.saved);
    // Saved rows leave the pending edits unless they were edited again while saving.
    setPending((current) => {
      const next = { ...current };
      for (const id of savedIds) if (current[id] === pending[id]) delete next[id];
      return next;
    });
    setPendingRoles((current) => {
      const next = { ...current };
      for (const id of savedIds) if (current[id] === sentRoles.get(id)) delete next[id];
      return next;
    });
    setRowErrors((current) => {
      const next = { ...current };
      for (const id of ids) delete next[id];
      for (const { id, error } of result.failed) next[id] = error;
      return next;
    });
    // A save whose outcome is unknown (lost answer, 500, part left) may have changed the user: reload.
    if (result.failed.some(({ error }) => isOutcomeUnknown(error))) refetchAfterPartial(queryClient);
    if (result.saved.length > 0) {
      if (users) {
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
        void invalidateCounts(queryClient);
      } else {
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.roles() });
      }
    }
    onSavedRef.current?.(result);
    return result;
  };

  const userOf = useCallback((rowId: string) => usersById.current.get(rowId), []);
  const error = settingsQuery.error ?? modulesQuery.error ?? rolesQuery.error ?? (users ? list.error : null);
  const isLoading = settingsQuery.isLoading || modulesQuery.isLoading || rolesQuery.isLoading || (users && list.isLoading);
  const refetch = () => {
    if (settingsQuery.error) void settingsQuery.refetch();
    if (modulesQuery.error) void modulesQuery.refetch();
    if (rolesQuery.error) void rolesQuery.refetch();
    if (users) list.refetch();
  };

  return {
    source, rows, modules, roles, rolesById, settings: settingsQuery.data, list: users ? list : null, isLoading, error, refetch,
    baseline, draft, pending, pendingRoles, changedCount, setDraft, setCell, setRow, setColumn, applyPreset, setRole, roleRefusal, rowRefusal,
    userOf, rowErrors, save, isSaving, discard,
    readOnly: !users && (!capabilities.roleEditing || roleEditRefusal !== null),
    readOnlyReason: users ? null : (roleEditRefusal?.reason ?? null),
  };
}
