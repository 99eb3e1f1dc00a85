import { Suspense, useEffect, useId, useState, type ComponentProps, type ReactNode } from 'react';
import type { InviteUsersResult, User } from '../contract/types';
import type { SignInErrorGuideDialogProps } from '../sign-in-guide/SignInErrorGuideDialog';
import type { UserEditorDialogProps } from '../editor/UserEditorDialog';
import type { UserEditorSaveResult } from '../editor/useUserEditor';
import { useUserAdminTranslation } from '../i18n/useUserAdminTranslation';
import type { InviteDialogProps } from '../invitations/invite/InviteDialog';
import type { PendingInvitationsProps } from '../invitations/PendingInvitations';
import type { PermissionMatrixProps } from '../permissions/matrix/PermissionMatrix';
import { useModules } from '../settings/useModules';
import { useRoles } from '../settings/useRoles';
import { useSettings } from '../settings/useSettings';
import { Button } from '../ui/Button';
import { UserAdminRoot, useAnnounce } from '../ui/Root';
import { LoadingState, StatusMessage, VisuallyHidden } from '../ui/States';
import { TabPanel, Tabs } from '../ui/Tabs';
import { cx } from '../ui/cx';
import { UserList, type UserListProps } from '../users/components';
import { lazyComponent, lazyPart, whenIdle } from './lazyParts';
import { useReturnFocus } from './useReturnFocus';
import { useUserAdminScreen, type UseUserAdminScreenOptions } from './useUserAdminScreen';

// What the first screen (the users tab) does not need loads on demand: the host's bundler makes
// each of these its own chunk. They are fetched when the browser is idle after the list first
// rendered, and on hover or focus of what opens them, so opening one does not wait on the network.
const editorPart = lazyPart(() => import('../editor/UserEditorDialog'));
const invitePart = lazyPart(() => import('../invitations/invite/InviteDialog'));
const guidePart = lazyPart(() => import('../sign-in-guide/SignInErrorGuideDialog'));
const matrixPart = lazyPart(() => import('../permissions/matrix/PermissionMatrix'));
const invitationsPart = lazyPart(() => import('../invitations/PendingInvitations'));
const UserEditorDialog = lazyComponent(editorPart, (m) => m.UserEditorDialog);
const InviteDialog = lazyComponent(invitePart, (m) => m.InviteDialog);
const SignInErrorGuideDialog = lazyComponent(guidePart, (m) => m.SignInErrorGuideDialog);
const PermissionMatrix = lazyComponent(matrixPart, (m) => m.PermissionMatrix);
const PendingInvitations = lazyComponent(invitationsPart, (m) => m.PendingInvitations);
const parts = [editorPart, invitePart, guidePart, matrixPart, invitationsPart];

/** Loads every on-demand part of the screen; a failure is left for the render that needs it to report. */
function prefetchParts(): void {
  for (const part of parts) part.load().catch(() => {});
}

/** True from the first time `value` is true: a dialog stays mounted once opened, as before it loaded lazily. */
function useLatch(value: boolean): boolean {
  const [latched, setLatched] = useState(value);
  if (value && !latched) setLatched(true);
  return latched || value;
}

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
  userEditorProps, permissionMatrixProps, signInGuideProps, className, onPointerOver, onFocus, ...props
}: UserAdminProps) {
  const idBase = useId();
  return (
    <UserAdminRoot
      {...props}
      // Hovering or focusing anything in the screen (the buttons, tabs and row menus that open the parts) fetches them.
      onPointerOver={(event) => {
        prefetchParts();
        onPointerOver?.(event);
      }}
      onFocus={(event) => {
        prefetchParts();
        onFocus?.(event);
      }}
      data-slot="user-admin" aria-labelledby={title === null ? undefined : `${idBase}-title`} className={cx('uak-user-admin', className)}>
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
  // The roles and modules the dialogs start from (the users list reads them too): fetched with the
  // screen, as when the dialogs were mounted from the start, so one opens ready on any tab.
  useRoles();
  useModules();
  const listShown = screen.userCount !== undefined;
  useEffect(() => {
    if (listShown) return whenIdle(prefetchParts);
    // A backend whose counts never come still gets the parts, a little later.
    const id = setTimeout(prefetchParts, 5000);
    return () => clearTimeout(id);
  }, [listShown]);
  const editorMounted = useLatch(screen.editor.open);
  const inviteMounted = useLatch(screen.inviteOpen);
  const guideMounted = useLatch(screen.signInHelpUser !== null);
  const returnFocus = useReturnFocus();
  const openInvite = screen.canInvite
    ? () => {
        returnFocus.capture();
        screen.setInviteOpen(true);
      }
    : undefined;
  const inviteReasonId = `${idBase}-invite-reason`;
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
  const hasTabs = tabs.length > 1;

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
          // The trigger is the screen's own, so it shows before the dialog's code has loaded; as the
          // dialog's own trigger did, under SSO it stays reachable, disabled, with the reason shown.
          screen.ssoEnforced ? (
            <span className="uak-invite-trigger-wrap" data-slot="invite-trigger" data-state="disabled">
              <Button variant="primary" aria-disabled aria-describedby={inviteReasonId} onClick={(event) => event.preventDefault()}>
                {t('invite.trigger')}
              </Button>
              <span id={inviteReasonId} className="uak-invite-sso-reason" data-slot="invite-sso-reason">
                {t('settings.ssoEnforced', { provider: screen.ssoProviderName ?? t('invite.ssoProviderFallback') })}
              </span>
            </span>
          ) : (
            <Button
              variant="primary"
              aria-haspopup="dialog"
              aria-expanded={screen.inviteOpen}
              data-state={screen.inviteOpen ? 'open' : 'closed'}
              onClick={() => {
                returnFocus.capture();
                screen.setInviteOpen(true);
              }}
            >
              {t('invite.trigger')}
            </Button>
          )
        ) : null}
        {screen.invitationsEnabled && inviteMounted ? (
          <Suspense fallback={null}>
            <InviteDialog
              {...inviteDialogProps}
              hideTrigger
              open={screen.inviteOpen}
              onOpenChange={(open) => {
                screen.setInviteOpen(open);
                if (!open) returnFocus.restore();
              }}
              onInvited={(result) => {
                if (result.invited.length > 0) announce(t('userAdmin.invitedAnnouncement', { count: result.invited.length }));
                onInvited?.(result);
                inviteDialogProps?.onInvited?.(result);
              }}
            />
          </Suspense>
        ) : null}
        </div>
      </div>
      {notice ? (
        <StatusMessage tone="success" className="uak-user-admin-notice" onDismiss={() => setNotice(null)}>{notice}</StatusMessage>
      ) : null}
      {hasTabs ? (
        <Tabs idBase={idBase} label={t('userAdmin.tabsLabel')} value={screen.tab} onValueChange={(v) => screen.setTab(v as typeof screen.tab)} items={tabs} />
      ) : null}
      {/* The users list keeps its place whether the screen has tabs or not (the settings that say so
          may come after the list): it is not remounted when they arrive. The ids are the Tabs' own. */}
      {!hasTabs || screen.tab === 'users' ? (
        <div
          {...(hasTabs
            ? { role: 'tabpanel', id: `${idBase}-panel-users`, 'aria-labelledby': `${idBase}-tab-users`, 'data-slot': 'tab-panel', className: 'uak-tab-panel' }
            : { 'data-slot': 'user-admin-users' })}
        >
          {users}
        </div>
      ) : null}
      {hasTabs ? (
        <>
          {screen.invitationsEnabled ? (
            <TabPanel idBase={idBase} value="invitations" active={screen.tab === 'invitations'}>
              <Suspense fallback={<LoadingState />}>
                <PendingInvitations {...(now ? { now } : {})} {...invitationsProps} {...(openInvite ? { onInvite: openInvite } : {})} />
              </Suspense>
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
                  <Suspense fallback={<LoadingState />}>
                    <PermissionMatrix key={source} source={source} {...permissionMatrixProps} />
                  </Suspense>
                </>
              ) : null}
            </TabPanel>
          ) : null}
        </>
      ) : null}
      {editorMounted ? (
      <Suspense fallback={null}>
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
          // The editor that called this is loaded, and its module with it.
          const editor = editorPart.loaded();
          if (editor) setNotice(editor.userEditorOutcomeMessage(t, result, settings));
          onUserSaved?.(result);
          userEditorProps?.onSaved?.(result);
        }}
      />
      </Suspense>
      ) : null}
      {guideMounted ? (
      <Suspense fallback={null}>
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
      </Suspense>
      ) : null}
    </>
  );
}
