import { useState } from 'react';
import type { User } from '../contract/types';
import { useControllable } from '../query/useControllable';
import { ssoRefusal } from '../core';
import { DEFAULT_INVITATION_LIST_STATE, useInvitationList } from '../invitations/useInvitationList';
import { useSettings } from '../settings/useSettings';
import { useAdapterCapabilities } from '../settings/useAdapterCapabilities';
import { useUserCounts } from '../users/useUserCounts';

/** The tabs of the composed screen. */
export type UserAdminTab = 'users' | 'invitations' | 'permissions';

export interface UseUserAdminScreenOptions {
  /** The open tab, when the host owns it. Defaults to none (uncontrolled). */
  tab?: UserAdminTab;
  /** The first tab when uncontrolled. Defaults to `users`. */
  defaultTab?: UserAdminTab;
  /** Called when the person picks a tab. Defaults to none. */
  onTabChange?: (tab: UserAdminTab) => void;
}

export interface UseUserAdminScreenResult {
  tab: UserAdminTab;
  setTab: (tab: UserAdminTab) => void;
  /** Whether the invite dialog is open. */
  inviteOpen: boolean;
  setInviteOpen: (open: boolean) => void;
  /** Users over all views, for the Users tab; `undefined` until known. */
  userCount: number | undefined;
  /**
   * Invitations not accepted yet (pending and expired), for the Pending invitations tab: the set its
   * table shows by default, so both say the same number; `undefined` until known.
   */
  pendingInvitationCount: number | undefined;
  /** Users are created at their first SSO sign-in: nothing about inviting is offered. */
  ssoEnforced: boolean;
  /** The identity provider's name, when settings give one. */
  ssoProviderName: string | null;
  /** Whether the backend has invitations at all (`settings.features.invitations`). */
  invitationsEnabled: boolean;
  /**
   * Whether there is a Permissions tab: the backend grants module permissions per user
   * (`settings.features.modulePermissions`), or only per role and the adapter can edit roles.
   */
  permissionsEnabled: boolean;
  /**
   * What the Permissions tab shows: per user and per role, or only the roles (a backend whose
   * users take their role's permissions, such as better-auth). Empty without the tab.
   */
  permissionSources: ('users' | 'roles')[];
  /** Whether the backend has contacts (`settings.features.contacts`). */
  contactsEnabled: boolean;
  /** Whether "New user" can create anything: a login user (not under SSO) or a contact. `false` until settings load. */
  canCreateUser: boolean;
  /** Whether inviting is offered: the backend has invitations and the core's SSO rule allows it. `false` until settings load. */
  canInvite: boolean;
  /** Whether the settings have loaded (until then, creating and inviting wait). */
  settingsLoaded: boolean;
  /** The user editor: closed, creating (`userId: null`), or editing a user. */
  editor: { open: boolean; userId: string | null };
  /** Opens the editor on a user, or on a new one with `null`. */
  openEditor: (userId: string | null) => void;
  setEditorOpen: (open: boolean) => void;
  /** The user whose sign-in help is open, or `null`. */
  signInHelpUser: User | null;
  setSignInHelpUser: (user: User | null) => void;
}

/**
 * The state of the composed screen: which tab is open, whether the invite dialog is, and the
 * counts on the tabs. `UserAdmin` is built on it; a host composing its own screen can use it too.
 * @example
 * const screen = useUserAdminScreen({ defaultTab: 'invitations' });
 * <button onClick={() => screen.setInviteOpen(true)} disabled={screen.ssoEnforced}>…</button>
 */
export function useUserAdminScreen(options: UseUserAdminScreenOptions = {}): UseUserAdminScreenResult {
  const [tab, setTab] = useControllable<UserAdminTab>(options.tab, options.defaultTab ?? 'users', options.onTabChange);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [editor, setEditor] = useState<{ open: boolean; userId: string | null }>({ open: false, userId: null });
  const [signInHelpUser, setSignInHelpUser] = useState<User | null>(null);
  const settings = useSettings().data;
  const invitationsEnabled = settings?.features?.invitations !== false;
  const { roleEditing } = useAdapterCapabilities();
  const perUser = settings?.features?.modulePermissions !== false;
  const permissionSources: ('users' | 'roles')[] = perUser ? ['users', 'roles'] : roleEditing ? ['roles'] : [];
  const permissionsEnabled = permissionSources.length > 0;
  const contactsEnabled = settings?.features?.contacts !== false;
  const ssoEnforced = settings?.sso.enforced ?? false;
  const tabs: UserAdminTab[] = ['users', ...(invitationsEnabled ? (['invitations'] as const) : []), ...(permissionsEnabled ? (['permissions'] as const) : [])];
  const counts = useUserCounts();
  // The tab counts what its table shows by default (status filter "All": pending and expired, none
  // accepted yet), so the tab and the table's "N invitations found" agree.
  const pending = useInvitationList({ defaultState: { pageSize: 1, status: DEFAULT_INVITATION_LIST_STATE.status }, enabled: invitationsEnabled });
  return {
    tab: tabs.includes(tab) ? tab : 'users',
    setTab,
    inviteOpen,
    setInviteOpen,
    userCount: counts.counts?.all,
    pendingInvitationCount: pending.isLoading || pending.error ? undefined : pending.total,
    ssoEnforced,
    ssoProviderName: settings?.sso.providerName ?? null,
    invitationsEnabled,
    permissionsEnabled,
    permissionSources,
    contactsEnabled,
    // The core's SSO rule: no login user created by hand, no invitation (contacts are still created).
    canCreateUser: settings !== undefined && (ssoRefusal(ssoEnforced, 'createLoginUser') === null || contactsEnabled),
    canInvite: settings !== undefined && invitationsEnabled && ssoRefusal(ssoEnforced, 'invite') === null,
    settingsLoaded: settings !== undefined,
    editor,
    openEditor: (userId) => setEditor({ open: true, userId }),
    setEditorOpen: (open) => setEditor((current) => ({ ...current, open })),
    signInHelpUser,
    setSignInHelpUser,
  };
}
