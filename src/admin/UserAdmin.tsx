import { useId, useState, type ComponentProps, type ReactNode } from 'react';
import type { InviteUsersResult, User } from '../adapter/types';
import { SignInErrorGuideDialog, type SignInErrorGuideDialogProps } from '../diagnostics/components';
import { UserEditorDialog, userEditorOutcomeMessage, type UserEditorDialogProps } from '../editor/components';
import type { UserEditorSaveResult } from '../editor';
import { useUserAdminTranslation } from '../i18n';
import { InviteDialog, type InviteDialogProps } from '../invite/components';
import { PendingInvitations, type PendingInvitationsProps } from '../invitations/components';
import { PermissionMatrix, type PermissionMatrixProps } from '../permissions/components';
import { useSettings } from '../settings/useSettings';
import { Button, StatusMessage, TabPanel, Tabs, UserAdminRoot, VisuallyHidden, useAnnounce } from '../ui';
import { cx } from '../ui/cx';
import { UserList, type UserListProps } from '../users/components';
import { useReturnFocus } from './useReturnFocus';
import { useUserAdminScreen, type UseUserAdminScreenOptions } from './useUserAdminScreen';

export interface UserAdminProps extends UseUserAdminScreenOptions, Omit<ComponentProps<'div'>, 'title'> {
  /** The screen's heading. Defaults to `t('userAdmin.title')`; `null` hides it (the host has its own). */
  title?: ReactNode | null;
  /**
   * Opens the host's own editor for a user (the Edit row action) instead of the built-in
   * {@link UserEditorDialog}. Defaults to none: Edit opens the built-in editor.
   */
  onEditUser?: (user: User) => void;
  /** Called after the built-in editor saved a user (created or edited). Defaults to none. */
  onUserSaved?: (result: UserEditorSaveResult) => void;
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
  /** Passed to the built-in user editor (default kind, default values…). Defaults to none. */
  userEditorProps?: Partial<UserEditorDialogProps>;
  /** Passed to the permission matrix of the Permissions tab. Defaults to none. */
  permissionMatrixProps?: Partial<PermissionMatrixProps>;
  /** Passed to the sign-in help dialog opened from a user's row. Defaults to none. */
  signInGuideProps?: Partial<SignInErrorGuideDialogProps>;
}

/**
 * The whole user-administration screen, ready to drop in: tabs for Users, Pending invitations
 * (with counts) and Permissions (users or roles by modules); the New user and Invite buttons with
 * their dialogs; the editor on each row's Edit; sign-in help on each login user's row. Everything
 * is wired so that a change refreshes the lists and the counts. Under enforced SSO nothing about
 * inviting or creating login users is offered and the screen says why (contacts can still be
 * created when the backend has them).
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <UserAdmin onEditUser={(user) => navigate(`/users/${user.id}`)} />
 * </UserAdminProvider>
 */
export function UserAdmin({
  tab, defaultTab, onTabChange, title, onEditUser, onUserSaved, onInvited, now, userListProps, invitationsProps, inviteDialogProps,
  userEditorProps, permissionMatrixProps, signInGuideProps, className, ...props
}: UserAdminProps) {
  const idBase = useId();
  return (
    <UserAdminRoot {...props} data-slot="user-admin" aria-labelledby={title === null ? undefined : `${idBase}-title`} className={cx('uak-user-admin', className)}>
      <UserAdminScreen
        {...{
          tab, defaultTab, onTabChange, title, onEditUser, onUserSaved, onInvited, now, userListProps, invitationsProps, inviteDialogProps,
          userEditorProps, permissionMatrixProps, signInGuideProps, idBase,
        }}
      />
    </UserAdminRoot>
  );
}

// Inside the root, so announcements reach its live region.
function UserAdminScreen({
  tab, defaultTab, onTabChange, title, onEditUser, onUserSaved, onInvited, now, userListProps, invitationsProps, inviteDialogProps,
  userEditorProps, permissionMatrixProps, signInGuideProps, idBase,
}: Omit<UserAdminProps, keyof ComponentProps<'div'>> & { title?: ReactNode | null; idBase: string }) {
  const { t } = useUserAdminTranslation();
  const screen = useUserAdminScreen({ tab, defaultTab, onTabChange });
  const announce = useAnnounce();
  const headingId = `${idBase}-title`;
  const newUserReasonId = `${idBase}-new-user-reason`;
  const [permissionSource, setPermissionSource] = useState<'users' | 'roles'>('users');
  // A backend whose users take their role's permissions shows the roles only.
  const source = screen.permissionSources.includes(permissionSource) ? permissionSource : (screen.permissionSources[0] ?? 'roles');
  // What the last save in the editor did, shown under the header once the dialog has closed.
  const [notice, setNotice] = useState<string | null>(null);
  const settings = useSettings().data;
  const openInvite = screen.canInvite ? () => screen.setInviteOpen(true) : undefined;
  const returnFocus = useReturnFocus();
  const openEditor = (userId: string | null) => {
    returnFocus.capture();
    screen.openEditor(userId);
  };
  const editUser = onEditUser ?? userListProps?.onEditUser ?? ((user: User) => openEditor(user.id));
  const openSignInHelp = userListProps?.onSignInHelp ?? ((user: User) => {
    returnFocus.capture();
    screen.setSignInHelpUser(user);
  });
  // The header holds the invite button; the list offers it again only where it is empty.
  const users = (
    <UserList
      {...(now ? { now } : {})}
      {...userListProps}
      onEditUser={editUser}
      onSignInHelp={openSignInHelp}
      emptyAction={userListProps?.emptyAction ?? (openInvite ? <Button variant="primary" onClick={openInvite}>{t('invite.trigger')}</Button> : undefined)}
    />
  );
  // Under SSO with no contacts, nothing can be created by hand: the button stays reachable and says why.
  const newUserBlocked = screen.ssoEnforced && !screen.canCreateUser;
  const tabs = [
    { value: 'users', label: t('userAdmin.tabs.users'), count: screen.userCount },
    ...(screen.invitationsEnabled ? [{ value: 'invitations', label: t('userAdmin.tabs.invitations'), count: screen.pendingInvitationCount }] : []),
    ...(screen.permissionsEnabled ? [{ value: 'permissions', label: t('userAdmin.tabs.permissions') }] : []),
  ];

  return (
    <>
      <div className="uak-user-admin-header" data-slot="user-admin-header">
        {title === null ? null : <h2 id={headingId} className="uak-user-admin-title">{title ?? t('userAdmin.title')}</h2>}
        <div className="uak-user-admin-actions" data-slot="user-admin-actions">
        <Button
          data-slot="user-admin-new-user"
          aria-disabled={newUserBlocked || !screen.settingsLoaded ? true : undefined}
          aria-describedby={newUserBlocked ? newUserReasonId : undefined}
          onClick={() => {
            if (!newUserBlocked && screen.settingsLoaded) openEditor(null);
          }}
        >
          {t('userEditor.trigger')}
        </Button>
        {newUserBlocked ? (
          // Read with the button; the invite button beside it shows the same reason visibly.
          <VisuallyHidden id={newUserReasonId}>
            {screen.ssoProviderName ? t('settings.ssoEnforced', { provider: screen.ssoProviderName }) : t('userList.ssoNoteGeneric')}
          </VisuallyHidden>
        ) : null}
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
      </div>
      {notice ? (
        <StatusMessage tone="success" className="uak-user-admin-notice" onDismiss={() => setNotice(null)}>{notice}</StatusMessage>
      ) : null}
      {tabs.length > 1 ? (
        <>
          <Tabs idBase={idBase} label={t('userAdmin.tabsLabel')} value={screen.tab} onValueChange={(v) => screen.setTab(v as typeof screen.tab)} items={tabs} />
          <TabPanel idBase={idBase} value="users" active={screen.tab === 'users'}>{users}</TabPanel>
          {screen.invitationsEnabled ? (
            <TabPanel idBase={idBase} value="invitations" active={screen.tab === 'invitations'}>
              <PendingInvitations {...(now ? { now } : {})} {...invitationsProps} {...(openInvite ? { onInvite: openInvite } : {})} />
            </TabPanel>
          ) : null}
          {screen.permissionsEnabled ? (
            <TabPanel idBase={idBase} value="permissions" active={screen.tab === 'permissions'}>
              {screen.tab === 'permissions' ? (
                <>
                  {screen.permissionSources.length > 1 ? (
                  <fieldset className="uak-user-admin-source" data-slot="user-admin-permission-source">
                    <legend className="uak-user-admin-source-legend">{t('userAdmin.permissionSource.label')}</legend>
                    {screen.permissionSources.map((option) => (
                      <label key={option}>
                        <input
                          type="radio"
                          name={`${idBase}-permission-source`}
                          value={option}
                          checked={source === option}
                          onChange={() => setPermissionSource(option)}
                        />
                        {t(`userAdmin.permissionSource.${option}`)}
                      </label>
                    ))}
                  </fieldset>
                  ) : null}
                  <PermissionMatrix key={source} source={source} {...permissionMatrixProps} />
                </>
              ) : null}
            </TabPanel>
          ) : null}
        </>
      ) : (
        users
      )}
      <UserEditorDialog
        {...(now ? { now } : {})}
        {...userEditorProps}
        hideTrigger
        open={screen.editor.open}
        onOpenChange={(open) => {
          screen.setEditorOpen(open);
          if (!open) returnFocus.restore();
        }}
        userId={screen.editor.userId}
        onSaved={(result) => {
          setNotice(userEditorOutcomeMessage(t, result, settings));
          onUserSaved?.(result);
          userEditorProps?.onSaved?.(result);
        }}
      />
      <SignInErrorGuideDialog
        {...(now ? { now } : {})}
        {...signInGuideProps}
        open={screen.signInHelpUser !== null}
        onOpenChange={(open) => {
          if (!open) {
            screen.setSignInHelpUser(null);
            returnFocus.restore();
          }
        }}
        user={screen.signInHelpUser}
        onEditUser={(user) => {
          screen.setSignInHelpUser(null);
          // The editor takes the guide's place; focus goes back to the row when it closes.
          if (onEditUser ?? userListProps?.onEditUser) editUser(user);
          else screen.openEditor(user.id);
        }}
      />
    </>
  );
}
