import { useState } from 'react';
import { useControllable } from '../query/useControllable';
import { useInvitationList } from '../invitations/useInvitationList';
import { useSettings } from '../settings/useSettings';
import { useUserCounts } from '../users/useUserCounts';

/** The tabs of the composed screen. */
export type UserAdminTab = 'users' | 'invitations';

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
  /** Invitations still pending, for the Pending invitations tab; `undefined` until known. */
  pendingInvitationCount: number | undefined;
  /** Users are created at their first SSO sign-in: nothing about inviting is offered. */
  ssoEnforced: boolean;
  /** The identity provider's name, when settings give one. */
  ssoProviderName: string | null;
  /** Whether the backend has invitations at all (`settings.features.invitations`). */
  invitationsEnabled: boolean;
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
  const settings = useSettings().data;
  const invitationsEnabled = settings?.features?.invitations !== false;
  const counts = useUserCounts();
  const pending = useInvitationList({ initialState: { pageSize: 1, status: 'pending' }, enabled: invitationsEnabled });
  return {
    tab: invitationsEnabled ? tab : 'users',
    setTab,
    inviteOpen,
    setInviteOpen,
    userCount: counts.counts?.all,
    pendingInvitationCount: pending.isLoading || pending.error ? undefined : pending.total,
    ssoEnforced: settings?.sso.enforced ?? false,
    ssoProviderName: settings?.sso.providerName ?? null,
    invitationsEnabled,
  };
}
