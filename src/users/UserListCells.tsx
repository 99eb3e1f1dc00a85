import type { ReactNode } from 'react';
import type { Entity, Role, Settings, User } from '../contract/types';
import { useUserAdminTranslation, type UserAdminTranslation } from '../i18n';
import { Badge, HoverDetails, VisuallyHidden } from '../ui';
import { userDisplayName, userStatusKey, type UserListBuiltinColumnId } from './model/columns';

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

/** The texts and formatters a built-in cell needs: the table's, so cells do not each subscribe to i18next. */
export type UserListCellTranslation = Pick<UserAdminTranslation, 't' | 'format'>;

/**
 * The styled cell of a built-in column.
 * @example
 * <UserListBuiltinCell id="status" user={user} context={{ settings, rolesById, entitiesById, now: Date.now }} />
 */
export function UserListBuiltinCell({ id, user, context }: { id: UserListBuiltinColumnId; user: User; context: UserListCellContext }): ReactNode {
  return renderUserListBuiltinCell(id, user, context, useUserAdminTranslation());
}

/**
 * The name cell's content without its wrapper: the name in a `span`, then its badges (you, SSO,
 * read-only). `UserListTable` puts them straight in the row's header cell, which is then the
 * `[data-slot="user-list-name"]` element (one element less per row).
 * @example
 * <th data-slot="user-list-name">{renderUserListNameParts(user, context, t)}</th>
 */
export function renderUserListNameParts(user: User, context: UserListCellContext, t: UserListCellTranslation['t']): ReactNode {
  return (
    <>
      <span>{userDisplayName(user)}</span>
      {context.settings?.currentUser.id === user.id ? <Badge tone="info">{t('userList.you')}</Badge> : null}
      {user.source === 'sso' ? <Badge data-slot="user-list-sso-badge">{t('users.ssoBadge')}</Badge> : null}
      {context.isReadOnly?.(user) ? (
        <Badge data-slot="user-list-read-only" title={t('errors.reason.outside_scope')}>
          {t('userList.readOnly')}
          <VisuallyHidden>{` · ${t('errors.reason.outside_scope')}`}</VisuallyHidden>
        </Badge>
      ) : null}
    </>
  );
}

/**
 * The content of a built-in cell, as a plain function (no hook): `UserListTable` translates once
 * and renders every cell through it, so a page of 50 rows is one i18next subscription, not 250.
 * The markup is kept small (a wrapper only where it holds two things).
 * @example
 * const i18n = useUserAdminTranslation();
 * <td>{renderUserListBuiltinCell('status', user, context, i18n)}</td>
 */
export function renderUserListBuiltinCell(
  id: UserListBuiltinColumnId,
  user: User,
  context: UserListCellContext,
  { t, format }: UserListCellTranslation,
): ReactNode {
  switch (id) {
    case 'name':
      return (
        <span className="uak-user-list-name" data-slot="user-list-name">
          {renderUserListNameParts(user, context, t)}
        </span>
      );
    case 'email':
      if (!user.pendingEmail) return user.email;
      return (
        <span className="uak-user-list-stack">
          <span className="uak-user-list-email">{user.email}</span>
          <span className="uak-muted uak-user-list-note" data-slot="user-list-pending-email">
            {`${t('userList.emailChangePending')} · ${user.pendingEmail}`}
          </span>
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
      const multi = user.scope === 'group' && user.kind === 'login'
        ? <Badge tone="info" data-slot="user-list-multi-entity">{t('users.groupBadge')}</Badge>
        : null;
      const ids = user.entityIds;
      // The names are rendered only while the details are open (a function child): a closed cell is its button.
      const details = ids.length === 0 ? (
        <span className="uak-muted">{t('userList.noEntity')}</span>
      ) : (
        <HoverDetails label={t('userList.entityCount', { count: ids.length })}>
          {() => (
            <>
              <span className="uak-user-list-entity-title">{t('userList.entitiesOf', { name: userDisplayName(user) })}</span>
              <ul className="uak-user-list-entity-names">
                {ids.map((entityId) => <li key={entityId}>{context.entitiesById.get(entityId)?.name ?? entityId}</li>)}
              </ul>
            </>
          )}
        </HoverDetails>
      );
      if (!multi) return details;
      return (
        <span className="uak-user-list-entities" data-slot="user-list-entities">
          {details}
          {multi}
        </span>
      );
    }
    case 'status': {
      const invitation = user.invitation?.kind === 'invitation' && user.status !== 'active' ? user.invitation : null;
      // A contact cannot sign in: an active one is shown as a contact, in a neutral tone, never as "Active".
      const key = userStatusKey(user);
      const badge = key === 'status.contact'
        ? <Badge tone="neutral" data-slot="user-list-status" data-status="contact">{t(key)}</Badge>
        : <Badge tone={STATUS_TONE[user.status]} data-slot="user-list-status" data-status={user.status}>{t(key)}</Badge>;
      if (!invitation) return badge;
      const now = context.now();
      return (
        <span className="uak-user-list-stack">
          {badge}
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
