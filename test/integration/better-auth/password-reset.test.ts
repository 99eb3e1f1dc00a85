/**
 * The better-auth adapter's `sendPasswordReset` against the real server: better-auth's
 * `/request-password-reset` emails a link (the server's `sendResetPassword`, kept in
 * `sentPasswordResets`), the link really resets the password, and every refusal of the core's
 * `checkPasswordReset` is made before anything is sent (better-auth itself would send a link to
 * anyone whose address it knows, banned, invited or under SSO).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBetterAuthAdapter } from '../../../src/adapters/better-auth';
import { getAdapterCapabilities, type User } from '../../../src/contract/types';
import { createBetterAuthHarness, type BetterAuthHarness } from './harness';
import { rejection } from '../../utils/rejection';

let current: BetterAuthHarness | null = null;
afterEach(async () => {
  await current?.cleanup?.();
  current = null;
});

async function start(...args: Parameters<typeof createBetterAuthHarness>): Promise<BetterAuthHarness> {
  current = await createBetterAuthHarness(...args);
  return current;
}

const resetRequests = (h: BetterAuthHarness) => h.server.faults.log.filter((r) => r.method === 'POST' && r.path === '/request-password-reset').length;

async function firstWith(h: BetterAuthHarness, status: User['status']): Promise<User> {
  const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: [status] } });
  const user = page.items.find((u) => u.id !== h.server.seed.admin.id);
  if (!user) throw new Error(`no ${status} user in the seed`);
  return user;
}

describe('sendPasswordReset over better-auth', { timeout: 60_000 }, () => {
  it('given an active member, the server emails a link to their address, and the link lets them choose a password and sign in', async () => {
    const h = await start();
    const user = await firstWith(h, 'active');
    const result = await h.adapter.sendPasswordReset!({ id: user.id });
    expect(result.sentTo).toBe(user.email);
    expect(Date.parse(result.expiresAt!) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(h.server.sentPasswordResets).toEqual([expect.objectContaining({ userId: user.id, email: user.email })]);
    const { url, token } = h.server.sentPasswordResets[0]!;
    // The link leads to the host's page (redirectTo) with the token.
    const link = await fetch(url, { redirect: 'manual' });
    expect(link.status).toBe(302);
    expect(link.headers.get('location')).toBe(`${h.server.url}/reset-password?token=${token}`);
    // That page sets the new password with the token; the person signs in with it.
    const reset = await fetch(`${h.server.authURL}/reset-password`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: h.server.url }, body: JSON.stringify({ token, newPassword: 'a-brand-new-password-42' }),
    });
    expect(reset.status).toBe(200);
    const signIn = await fetch(`${h.server.authURL}/sign-in/email`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: h.server.url }, body: JSON.stringify({ email: user.email, password: 'a-brand-new-password-42' }),
    });
    expect(signIn.status).toBe(200);
    // Nothing about the user changed for the screen.
    expect(await h.adapter.getUser({ id: user.id })).toEqual(user);
  });

  it('refuses an invited and a banned (deactivated) user with password_reset_not_applicable, and enforced SSO with sso_enforced, before any request', async () => {
    const h = await start();
    const invited = await firstWith(h, 'invited');
    const banned = await firstWith(h, 'deactivated');
    for (const user of [invited, banned]) {
      expect(await rejection(h.adapter.sendPasswordReset!({ id: user.id }))).toMatchObject({ code: 'conflict', reason: 'password_reset_not_applicable' });
    }
    h.setSsoEnforced!(true);
    expect(await rejection(h.adapter.sendPasswordReset!({ id: (await firstWith(h, 'active')).id }))).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(resetRequests(h)).toBe(0);
    expect(h.server.sentPasswordResets).toEqual([]);
  });

  it('answers not_found for an id that is not one of our users, and sends nothing', async () => {
    const h = await start();
    expect(await rejection(h.adapter.sendPasswordReset!({ id: 'no-such-user' }))).toMatchObject({ code: 'not_found' });
    expect(h.server.sentPasswordResets).toEqual([]);
  });

  it('without the passwordReset option, the adapter has no sendPasswordReset: the screen offers no reset', async () => {
    const h = await start();
    const { passwordReset: _, ...options } = h.options;
    const adapter = createBetterAuthAdapter(options);
    expect(adapter.sendPasswordReset).toBeUndefined();
    expect(getAdapterCapabilities(adapter).passwordReset).toBe(false);
    expect(getAdapterCapabilities(h.adapter).passwordReset).toBe(true);
  });
});
