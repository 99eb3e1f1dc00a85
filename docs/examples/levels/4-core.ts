import { classifyInvitee, lockedModuleIds, screenInvitees, type Module } from 'user-admin-kit/core';

// The rules every screen and backend apply, without React: on a server, in a job, in a CLI.
export function planInvitations(emails: string[], members: Set<string>, ssoEnforced: boolean) {
  const { candidates, skipped } = screenInvitees(emails, { ssoEnforced });
  const toInvite: string[] = [];
  for (const email of candidates) {
    const reason = classifyInvitee({ existing: members.has(email) ? 'member' : null });
    if (reason) skipped.push({ email, reason });
    else toInvite.push(email);
  }
  return { toInvite, skipped };
}

export const modulesNeverGranted = (isAdmin: boolean, modules: Module[]) => lockedModuleIds({ isAdmin }, modules);
