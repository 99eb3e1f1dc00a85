import type { ReactNode } from 'react';
import type { Entity, Role, Settings, User } from '../adapter/types';
import { useUserAdminTranslation } from '../i18n';
import { Badge, HoverDetails, VisuallyHidden } from '../ui';
import { userDisplayName, type UserListBuiltinColumnId } from './list/columns';

/** What a built-in cell needs besides its user. */
export interface UserListCellContext {
  settings: Settings | undefined;
  rolesById: ReadonlyMap<string, Role>;
  entitiesById: ReadonlyMap<string, Entity>;
  now: () => number;
  /** Whether a user lies outside the acting admin's scope (a read-only row, badged with the reason). Defaults to never. */
  isReadOnly?: (user: User) => boolean;
}

const STATUS_TONE = { active: 'success', invited: 'info', deactivated: 'neutral' } as const;

/**
 * The styled cell of a built-in column.
 * @example
 * <UserListBuiltinCell id="status" user={user} context={{ settings, rolesById, entitiesById, now: Date.now }} />
 */
export function UserListBuiltinCell({ id, user, context }: { id: UserListBuiltinColumnId; user: User; context: UserListCellContext }): ReactNode {
  const { t, format } = useUserAdminTranslation();
  switch (id) {
    case 'name':
      return (
        <span className="uak-user-list-name" data-slot="user-list-name">
          <span>{userDisplayName(user)}</span>
          {context.settings?.currentUser.id === user.id ? <Badge tone="info">{t('userList.you')}</Badge> : null}
          {user.source === 'sso' ? <Badge data-slot="user-list-sso-badge">{t('users.ssoBadge')}</Badge> : null}
          {context.isReadOnly?.(user) ? (
            <Badge data-slot="user-list-read-only" title={t('errors.reason.outside_scope')}>
              {t('userList.readOnly')}
              <VisuallyHidden>{` · ${t('errors.reason.outside_scope')}`}</VisuallyHidden>
            </Badge>
          ) : null}
        </span>
      );
    case 'email':
      return (
        <span className="uak-user-list-stack">
          <span className="uak-user-list-email">{user.email}</span>
          {user.pendingEmail ? (
            <span className="uak-muted uak-user-list-note" data-slot="user-list-pending-email">
              {t('userList.emailChangePending')} · {user.pendingEmail}
            </span>
          ) : null}
        </span>
      );
    case 'username':
      return user.username ?? '';
    case 'role': {
      if (user.kind === 'contact') return <span className="uak-muted">{t('userList.contact')}</span>;
      if (!user.roleId) return <span className="uak-muted">{t('users.noRole')}</span>;
      return context.rolesById.get(user.roleId)?.name ?? t('common.loading');
    }
    case 'entities': {
      const names = user.entityIds.map((entityId) => context.entitiesById.get(entityId)?.name ?? entityId);
      return (
        <span className="uak-user-list-entities" data-slot="user-list-entities">
          {names.length === 0 ? (
            <span className="uak-muted">{t('userList.noEntity')}</span>
          ) : (
            <HoverDetails label={t('userList.entityCount', { count: names.length })}>
              <span className="uak-user-list-entity-title">{t('userList.entitiesOf', { name: userDisplayName(user) })}</span>
              <ul className="uak-user-list-entity-names">
                {names.map((name, index) => <li key={`${user.entityIds[index]}`}>{name}</li>)}
              </ul>
            </HoverDetails>
          )}
          {user.scope === 'group' && user.kind === 'login' ? (
            <Badge tone="info" data-slot="user-list-multi-entity">{t('users.multiEntity')}</Badge>
          ) : null}
        </span>
      );
    }
    case 'status': {
      const invitation = user.invitation?.kind === 'invitation' && user.status !== 'active' ? user.invitation : null;
      const now = context.now();
      return (
        <span className="uak-user-list-stack">
          <span><Badge tone={STATUS_TONE[user.status]} data-slot="user-list-status">{t(`status.${user.status}`)}</Badge></span>
          {invitation ? (
            <span
              className="uak-user-list-note"
              data-slot="user-list-invitation"
              data-state={invitation.status}
              title={format.dateTime(invitation.expiresAt)}
            >
              {invitation.status === 'expired' || Date.parse(invitation.expiresAt) <= now
                ? t('userList.invitationExpired', { relative: format.relativeTime(invitation.expiresAt, now) })
                : t('userList.invitationExpires', { relative: format.relativeTime(invitation.expiresAt, now) })}
            </span>
          ) : null}
        </span>
      );
    }
    case 'lastSignIn':
      return user.lastSignInAt ? (
        <time dateTime={user.lastSignInAt} title={format.dateTime(user.lastSignInAt)}>
          {format.relativeTime(user.lastSignInAt, context.now())}
        </time>
      ) : (
        <span className="uak-muted">{t('userList.neverSignedIn')}</span>
      );
  }
}
