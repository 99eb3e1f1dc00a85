import { useId, type ComponentProps, type ReactNode } from 'react';
import type { InviteUsersResult, User } from '../adapter/types';
import { useUserAdminTranslation } from '../i18n';
import { InviteDialog, type InviteDialogProps } from '../invite/components';
import { PendingInvitations, type PendingInvitationsProps } from '../invitations/components';
import { Button, TabPanel, Tabs, UserAdminRoot, useAnnounce } from '../ui';
import { cx } from '../ui/cx';
import { UserList, type UserListProps } from '../users/components';
import { useUserAdminScreen, type UseUserAdminScreenOptions } from './useUserAdminScreen';

export interface UserAdminProps extends UseUserAdminScreenOptions, Omit<ComponentProps<'div'>, 'title'> {
  /** The screen's heading. Defaults to `t('userAdmin.title')`; `null` hides it (the host has its own). */
  title?: ReactNode | null;
  /** Opens the host's editor for a user (the Edit row action). Defaults to none: no Edit action. */
  onEditUser?: (user: User) => void;
  /** Called after an invitation batch, with what was invited and skipped. Defaults to none. */
  onInvited?: (result: InviteUsersResult) => void;
  /**
   * The current instant in epoch ms, for "expires in 3 days" on both lists. Pass the server's clock
   * when it differs from the browser's. Defaults to `Date.now`.
   */
  now?: () => number;
  /** Passed to the users list (columns, initial state, page sizes…). Defaults to none. */
  userListProps?: Partial<UserListProps>;
  /** Passed to the pending invitations list. Defaults to none. */
  invitationsProps?: Partial<PendingInvitationsProps>;
  /** Passed to the invite dialog (default role, entities…). Defaults to none. */
  inviteDialogProps?: Partial<InviteDialogProps>;
}

/**
 * The whole user-administration screen, ready to drop in: tabs for Users and Pending invitations
 * (with counts), the Invite button and dialog, all wired so that inviting refreshes both lists and
 * the counts. Under enforced SSO nothing about inviting is offered and the screen says why.
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <UserAdmin onEditUser={(user) => navigate(`/users/${user.id}`)} />
 * </UserAdminProvider>
 */
export function UserAdmin({
  tab, defaultTab, onTabChange, title, onEditUser, onInvited, now, userListProps, invitationsProps, inviteDialogProps, className, ...props
}: UserAdminProps) {
  const idBase = useId();
  return (
    <UserAdminRoot {...props} data-slot="user-admin" aria-labelledby={title === null ? undefined : `${idBase}-title`} className={cx('uak-user-admin', className)}>
      <UserAdminScreen
        {...{ tab, defaultTab, onTabChange, title, onEditUser, onInvited, now, userListProps, invitationsProps, inviteDialogProps, idBase }}
      />
    </UserAdminRoot>
  );
}

// Inside the root, so announcements reach its live region.
function UserAdminScreen({
  tab, defaultTab, onTabChange, title, onEditUser, onInvited, now, userListProps, invitationsProps, inviteDialogProps, idBase,
}: Omit<UserAdminProps, keyof ComponentProps<'div'>> & { title?: ReactNode | null; idBase: string }) {
  const { t } = useUserAdminTranslation();
  const screen = useUserAdminScreen({ tab, defaultTab, onTabChange });
  const announce = useAnnounce();
  const headingId = `${idBase}-title`;
  const openInvite = screen.ssoEnforced || !screen.invitationsEnabled ? undefined : () => screen.setInviteOpen(true);
  const editUser = onEditUser ?? userListProps?.onEditUser;
  // The header holds the invite button; the list offers it again only where it is empty.
  const users = (
    <UserList
      {...(now ? { now } : {})}
      {...userListProps}
      {...(editUser ? { onEditUser: editUser } : {})}
      emptyAction={userListProps?.emptyAction ?? (openInvite ? <Button variant="primary" onClick={openInvite}>{t('invite.trigger')}</Button> : undefined)}
    />
  );

  return (
    <>
      <div className="uak-user-admin-header" data-slot="user-admin-header">
        {title === null ? null : <h2 id={headingId} className="uak-user-admin-title">{title ?? t('userAdmin.title')}</h2>}
        {screen.invitationsEnabled ? (
          <InviteDialog
            {...inviteDialogProps}
            open={screen.inviteOpen}
            onOpenChange={screen.setInviteOpen}
            onInvited={(result) => {
              if (result.invited.length > 0) announce(t('userAdmin.invitedAnnouncement', { count: result.invited.length }));
              onInvited?.(result);
              inviteDialogProps?.onInvited?.(result);
            }}
          />
        ) : null}
      </div>
      {screen.invitationsEnabled ? (
        <>
          <Tabs
            idBase={idBase}
            label={t('userAdmin.tabsLabel')}
            value={screen.tab}
            onValueChange={(v) => screen.setTab(v as typeof screen.tab)}
            items={[
              { value: 'users', label: t('userAdmin.tabs.users'), count: screen.userCount },
              { value: 'invitations', label: t('userAdmin.tabs.invitations'), count: screen.pendingInvitationCount },
            ]}
          />
          <TabPanel idBase={idBase} value="users" active={screen.tab === 'users'}>{users}</TabPanel>
          <TabPanel idBase={idBase} value="invitations" active={screen.tab === 'invitations'}>
            <PendingInvitations {...(now ? { now } : {})} {...invitationsProps} {...(openInvite ? { onInvite: openInvite } : {})} />
          </TabPanel>
        </>
      ) : (
        users
      )}
    </>
  );
}
