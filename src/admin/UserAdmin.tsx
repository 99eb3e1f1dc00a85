import { createContext, Suspense, useContext, useEffect, useId, useState, type ComponentProps, type ReactNode } from 'react';
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
import { withRef } from '../ui/withRef';

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

/** What {@link UserAdminBase} shares with the screen's parts (`UserAdmin.Header`, `UserAdmin.UsersPanel`…). */
export interface UserAdminScreenContextValue {
  /** The screen's state: {@link useUserAdminScreen}'s result. */
  screen: ReturnType<typeof useUserAdminScreen>;
  /** Prefix of the tabs', panels' and title's ids. */
  idBase: string;
  /** The clock given to the lists and dialogs, if any. */
  now: (() => number) | undefined;
  /** The screen's tabs: users, and pending invitations and permissions where the backend has them. */
  tabs: { value: string; label: string; count?: number | undefined }[];
  /** Opens the invite dialog (focus comes back on close); `undefined` when inviting is not allowed. */
  openInvite: (() => void) | undefined;
  /** Opens the built-in editor on a user, or on a new one (`null`). */
  openEditor(userId: string | null): void;
  /** The Edit row action: the host's `onEditUser`, else the built-in editor. */
  editUser(user: User): void;
  /** The sign-in help row action. */
  openSignInHelp(user: User): void;
  /** What the last save in the editor did, shown until dismissed. */
  notice: string | null;
  setNotice(notice: string | null): void;
  /** Gives the focus back to where it was when a dialog opened. */
  returnFocus: { capture(): void; restore(): void };
  /** Whether the host edits users itself (`onEditUser`). */
  hostEditsUsers: boolean;
  /** The host's callbacks after a save and after invitations. */
  onUserSaved: ((result: UserEditorSaveResult) => void) | undefined;
  onInvited: ((result: InviteUsersResult) => void) | undefined;
}

const UserAdminScreenContext = createContext<UserAdminScreenContextValue | null>(null);
UserAdminScreenContext.displayName = 'UserAdminScreenContext';

/**
 * The nearest {@link UserAdminBase}'s state, for a host's own part. Throws outside one.
 * @example
 * const { screen } = useUserAdminScreenContext();
 */
export function useUserAdminScreenContext(): UserAdminScreenContextValue {
  const context = useContext(UserAdminScreenContext);
  if (!context) throw new Error('`useUserAdminScreenContext` must be used within <UserAdminBase> (or <UserAdmin>).');
  return context;
}

/** Props of {@link UserAdminBase}. */
export interface UserAdminBaseProps extends UseUserAdminScreenOptions {
  /** Opens the host's own editor for a user (the Edit row action) instead of the built-in one. Defaults to none. */
  onEditUser?: (user: User) => void;
  /** Called after the built-in editor saved a user (created or edited). Defaults to none. */
  onUserSaved?: (result: UserEditorSaveResult) => void;
  /** Called after an invitation batch, with what was invited and skipped. Defaults to none. */
  onInvited?: (result: InviteUsersResult) => void;
  /** The current instant in epoch ms, for the lists and dialogs. Defaults to `Date.now`. */
  now?: () => number;
  children?: ReactNode;
}

/**
 * The whole screen's state without markup: the tab, which dialog is open and for whom, the editor's
 * last outcome, where the focus goes back, and the parts loaded on demand (fetched when the browser
 * is idle once the users list has shown). Compose the parts inside it.
 * @example
 * <UserAdminBase>
 *   <UserAdmin.Root>
 *     <UserAdmin.Header />
 *     <UserAdmin.Tabs />
 *     <UserAdmin.UsersPanel />
 *     <UserAdmin.Dialogs />
 *   </UserAdmin.Root>
 * </UserAdminBase>
 */
export function UserAdminBase({ tab, defaultTab, onTabChange, onEditUser, onUserSaved, onInvited, now, children }: UserAdminBaseProps) {
  const { t } = useUserAdminTranslation();
  const idBase = useId();
  const screen = useUserAdminScreen({ tab, defaultTab, onTabChange });
  const [notice, setNotice] = useState<string | null>(null);
  // The roles and modules the dialogs start from (the users list reads them too): fetched with the
  // screen, so a dialog opens ready on any tab.
  useRoles();
  useModules();
  const listShown = screen.userCount !== undefined;
  useEffect(() => {
    if (listShown) return whenIdle(prefetchParts);
    // A backend whose counts never come still gets the parts, a little later.
    const id = setTimeout(prefetchParts, 5000);
    return () => clearTimeout(id);
  }, [listShown]);
  const returnFocus = useReturnFocus();
  const openInvite = screen.canInvite
    ? () => {
        returnFocus.capture();
        screen.setInviteOpen(true);
      }
    : undefined;
  const openEditor = (userId: string | null) => {
    returnFocus.capture();
    screen.openEditor(userId);
  };
  const value: UserAdminScreenContextValue = {
    screen, idBase, now, openInvite, openEditor, notice, setNotice, returnFocus, onUserSaved, onInvited,
    hostEditsUsers: onEditUser !== undefined,
    editUser: onEditUser ?? ((user: User) => openEditor(user.id)),
    openSignInHelp: (user: User) => {
      returnFocus.capture();
      screen.setSignInHelpUser(user);
    },
    tabs: [
      { value: 'users', label: t('userAdmin.tabs.users'), count: screen.userCount },
      ...(screen.invitationsEnabled ? [{ value: 'invitations', label: t('userAdmin.tabs.invitations'), count: screen.pendingInvitationCount }] : []),
      ...(screen.permissionsEnabled ? [{ value: 'permissions', label: t('userAdmin.tabs.permissions') }] : []),
    ],
  };
  return <UserAdminScreenContext.Provider value={value}>{children}</UserAdminScreenContext.Provider>;
}

export interface UserAdminProps extends UserAdminBaseProps, Omit<ComponentProps<'div'>, 'title' | 'children'> {
  /** The screen's heading. Defaults to `t('userAdmin.title')`; `null` hides it (the host has its own). */
  title?: ReactNode | null;
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
 *
 * It is the composition of its parts under {@link UserAdminBase}: `UserAdmin.Root`, `.Header`
 * (`.Title`, `.Actions`), `.Notice`, `.Tabs`, `.UsersPanel`, `.InvitationsPanel`,
 * `.PermissionsPanel`, `.InviteDialog`, `.EditorDialog` and `.SignInGuideDialog`. Compose them to
 * drop one or put your own between two; each takes the props its `*Props` bag gives here.
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <UserAdmin onEditUser={(user) => navigate(`/users/${user.id}`)} />
 * </UserAdminProvider>
 */
const UserAdminComponent = withRef(function UserAdminComponent({
  tab, defaultTab, onTabChange, title, onEditUser, onUserSaved, onInvited, now, userListProps, invitationsProps, inviteDialogProps,
  userEditorProps, permissionMatrixProps, signInGuideProps, ...props
}: UserAdminProps) {
  const hostEdit = onEditUser ?? userListProps?.onEditUser;
  return (
    <UserAdminBase
      {...{ tab, defaultTab, onTabChange, onUserSaved, onInvited, now }}
      {...(hostEdit ? { onEditUser: hostEdit } : {})}
    >
      <UserAdminRootPart {...props} labelled={title !== null}>
        <UserAdminHeader {...(title !== undefined ? { title } : {})} />
        <UserAdminNotice />
        <UserAdminTabs />
        <UserAdminUsersPanel {...userListProps} />
        <UserAdminInvitationsPanel {...invitationsProps} />
        <UserAdminPermissionsPanel {...permissionMatrixProps} />
        <UserAdminInviteDialog {...inviteDialogProps} />
        <UserAdminEditorDialog {...userEditorProps} />
        <UserAdminSignInGuideDialog {...signInGuideProps} />
      </UserAdminRootPart>
    </UserAdminBase>
  );
});

/**
 * The screen's root (`data-slot="user-admin"`), labelled by its title: hovering or focusing
 * anything in it fetches the parts loaded on demand. The host's props go on it.
 */
export const UserAdminRootPart = withRef(function UserAdminRootPart({ className, onPointerOver, onFocus, labelled = true, ...props }: ComponentProps<'div'> & {
  /** Whether the title labels the region (`false` when the host hides the title). Defaults to `true`. */
  labelled?: boolean;
}) {
  const { idBase } = useUserAdminScreenContext();
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
      data-slot="user-admin"
      aria-labelledby={labelled ? `${idBase}-title` : undefined}
      className={cx('uak-user-admin', className)}
    />
  );
});

/** The screen's heading and its actions. `title={null}` leaves the heading out. */
export function UserAdminHeader({ title }: { title?: ReactNode | null }) {
  return (
    <div className="uak-user-admin-header" data-slot="user-admin-header">
      {title === null ? null : <UserAdminTitle>{title}</UserAdminTitle>}
      <UserAdminActions />
    </div>
  );
}

/** The screen's heading, which names the screen. Defaults to `t('userAdmin.title')`. */
export function UserAdminTitle({ children }: { children?: ReactNode }) {
  const { t } = useUserAdminTranslation();
  const { idBase } = useUserAdminScreenContext();
  return <h2 id={`${idBase}-title`} className="uak-user-admin-title">{children ?? t('userAdmin.title')}</h2>;
}

/**
 * The New user and Invite buttons. Under SSO with nothing to create by hand, New user stays
 * reachable and says why; the Invite button stays reachable, disabled, with the reason shown.
 */
export function UserAdminActions() {
  const { t } = useUserAdminTranslation();
  const { screen, idBase, openEditor, returnFocus } = useUserAdminScreenContext();
  const newUserReasonId = `${idBase}-new-user-reason`;
  const inviteReasonId = `${idBase}-invite-reason`;
  const newUserBlocked = screen.ssoEnforced && !screen.canCreateUser;
  return (
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
        // The trigger is the screen's own, so it shows before the dialog's code has loaded.
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
    </div>
  );
}

/** What the last save in the editor did, until dismissed. */
export function UserAdminNotice() {
  const { notice, setNotice } = useUserAdminScreenContext();
  if (!notice) return null;
  return <StatusMessage tone="success" className="uak-user-admin-notice" onDismiss={() => setNotice(null)}>{notice}</StatusMessage>;
}

/** The screen's tabs with their counts; nothing when the backend has only users. */
export function UserAdminTabs() {
  const { t } = useUserAdminTranslation();
  const { screen, idBase, tabs } = useUserAdminScreenContext();
  if (tabs.length < 2) return null;
  return <Tabs idBase={idBase} label={t('userAdmin.tabsLabel')} value={screen.tab} onValueChange={(v) => screen.setTab(v as typeof screen.tab)} items={tabs} />;
}

/**
 * The users tab: the users list wired to the screen (Edit, sign-in help, invite in its empty
 * state), or the host's own `children`. It keeps its place whether the screen has tabs or not, so
 * the list is not remounted when the settings that say so arrive.
 */
export function UserAdminUsersPanel({ children, ...userListProps }: Partial<UserListProps> & { children?: ReactNode }) {
  const { t } = useUserAdminTranslation();
  const { screen, idBase, tabs, now, editUser, openSignInHelp, openInvite } = useUserAdminScreenContext();
  const hasTabs = tabs.length > 1;
  if (hasTabs && screen.tab !== 'users') return null;
  return (
    <div
      {...(hasTabs
        ? { role: 'tabpanel', id: `${idBase}-panel-users`, 'aria-labelledby': `${idBase}-tab-users`, 'data-slot': 'tab-panel', className: 'uak-tab-panel' }
        : { 'data-slot': 'user-admin-users' })}
    >
      {children ?? (
        // The header holds the invite button; the list offers it again only where it is empty.
        <UserList
          {...(now ? { now } : {})}
          {...userListProps}
          onEditUser={editUser}
          onSignInHelp={userListProps.onSignInHelp ?? openSignInHelp}
          emptyAction={userListProps.emptyAction ?? (openInvite ? <Button variant="primary" onClick={openInvite}>{t('invite.trigger')}</Button> : undefined)}
        />
      )}
    </div>
  );
}

/** The pending invitations tab (loaded on demand), when the backend has invitations. */
export function UserAdminInvitationsPanel(invitationsProps: Partial<PendingInvitationsProps>) {
  const { screen, idBase, tabs, now, openInvite } = useUserAdminScreenContext();
  if (tabs.length < 2 || !screen.invitationsEnabled) return null;
  return (
    <TabPanel idBase={idBase} value="invitations" active={screen.tab === 'invitations'}>
      <Suspense fallback={<LoadingState />}>
        <PendingInvitations {...(now ? { now } : {})} {...invitationsProps} {...(openInvite ? { onInvite: openInvite } : {})} />
      </Suspense>
    </TabPanel>
  );
}

/** The permissions tab (loaded on demand): users or roles by modules, as the backend allows. */
export function UserAdminPermissionsPanel(permissionMatrixProps: Partial<PermissionMatrixProps>) {
  const { t } = useUserAdminTranslation();
  const { screen, idBase, tabs } = useUserAdminScreenContext();
  const [permissionSource, setPermissionSource] = useState<'users' | 'roles'>('users');
  // A backend whose users take their role's permissions shows the roles only.
  const source = screen.permissionSources.includes(permissionSource) ? permissionSource : (screen.permissionSources[0] ?? 'roles');
  if (tabs.length < 2 || !screen.permissionsEnabled) return null;
  return (
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
  );
}

/** The invite dialog (loaded on demand, mounted from its first opening), opened by the Invite button. */
export function UserAdminInviteDialog(inviteDialogProps: Partial<InviteDialogProps>) {
  const { t } = useUserAdminTranslation();
  const { screen, returnFocus, onInvited } = useUserAdminScreenContext();
  const announce = useAnnounce();
  const mounted = useLatch(screen.inviteOpen);
  if (!screen.invitationsEnabled || !mounted) return null;
  return (
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
          inviteDialogProps.onInvited?.(result);
        }}
      />
    </Suspense>
  );
}

/** The built-in user editor (loaded on demand), for a new user or a row's Edit; says what the save did. */
export function UserAdminEditorDialog(userEditorProps: Partial<UserEditorDialogProps>) {
  const { t } = useUserAdminTranslation();
  const { screen, now, returnFocus, setNotice, onUserSaved } = useUserAdminScreenContext();
  const settings = useSettings().data;
  const mounted = useLatch(screen.editor.open);
  if (!mounted) return null;
  return (
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
          userEditorProps.onSaved?.(result);
        }}
      />
    </Suspense>
  );
}

/** The sign-in help (loaded on demand) for a login user's row; its Edit opens the editor in its place. */
export function UserAdminSignInGuideDialog(signInGuideProps: Partial<SignInErrorGuideDialogProps>) {
  const { screen, now, returnFocus, editUser, hostEditsUsers } = useUserAdminScreenContext();
  const mounted = useLatch(screen.signInHelpUser !== null);
  if (!mounted) return null;
  return (
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
          if (hostEditsUsers) editUser(user);
          else screen.openEditor(user.id);
        }}
      />
    </Suspense>
  );
}

/**
 * The whole screen, and its parts for composing one's own (`UserAdmin.Header`…), each also
 * exported by its own name.
 */
export const UserAdmin = Object.assign(UserAdminComponent, {
  Base: UserAdminBase,
  Root: UserAdminRootPart,
  Header: UserAdminHeader,
  Title: UserAdminTitle,
  Actions: UserAdminActions,
  Notice: UserAdminNotice,
  Tabs: UserAdminTabs,
  UsersPanel: UserAdminUsersPanel,
  InvitationsPanel: UserAdminInvitationsPanel,
  PermissionsPanel: UserAdminPermissionsPanel,
  InviteDialog: UserAdminInviteDialog,
  EditorDialog: UserAdminEditorDialog,
  SignInGuideDialog: UserAdminSignInGuideDialog,
});
