import type { AdminScope, Settings, UserScope } from '../contract/types';
import type { Actor } from './actions';

/**
 * Where a new user lands by default, from where the admin works:
 * - at entity level, an entity user in that entity;
 * - at group level, a group user with no entity chosen yet (an admin scoped to one entity gets
 *   that entity preselected, as an entity user).
 * @example
 * const { scope, entityIds } = defaultAccess(settings);
 */
export function defaultAccess(settings: Pick<Settings, 'workspace' | 'multiEntity'> & { currentUser: { adminScope: AdminScope | null } }): {
  scope: UserScope;
  entityIds: string[];
} {
  const workspace = settings.workspace;
  if (workspace?.level === 'entity') return { scope: 'entity', entityIds: [workspace.entityId] };
  const own = actingScope({ ...settings, currentUser: { isAdmin: true, adminScope: settings.currentUser.adminScope } });
  if (own?.type === 'entities' && own.entityIds.length === 1) return { scope: 'entity', entityIds: [...own.entityIds] };
  return { scope: settings.multiEntity ? 'group' : 'entity', entityIds: [] };
}

/**
 * The scope the current admin acts with: their admin scope, narrowed to the workspace entity when
 * they work at entity level (an admin in one entity's workspace administers that entity and its
 * sub-accounts only, whatever their scope at group level). `null` for a non-admin.
 * @example
 * actingScope(settings); // { type: 'entities', entityIds: ['acme-fr'] } in the Acme France workspace
 */
export function actingScope(settings: Pick<Settings, 'workspace'> & { currentUser: Pick<Settings['currentUser'], 'isAdmin' | 'adminScope'> }): AdminScope | null {
  if (!settings.currentUser.isAdmin) return null;
  const own = settings.currentUser.adminScope ?? { type: 'all' as const };
  const workspace = settings.workspace;
  if (workspace?.level !== 'entity') return own;
  return { type: 'entities', entityIds: [workspace.entityId] };
}

/**
 * The acting admin as the rules see them ({@link actingScope} applied).
 * @example
 * const ctx = { actor: actorOf(settings), ancestry };
 */
export function actorOf(settings: Pick<Settings, 'workspace' | 'currentUser'>): Actor {
  const { id, isAdmin } = settings.currentUser;
  return { id, isAdmin, adminScope: actingScope(settings) };
}
