/**
 * The bounds of issue 12 on the better-auth adapter (docs/limits.md), against the real server:
 * inputs are parsed by the shared schemas before anything is sent, so a name over
 * MAX_NAME_LENGTH, more than MAX_INVITE_ADDRESSES addresses or a page over MAX_PAGE_SIZE are
 * refused with `validation` and the field code `too_long` (the screens state the limit), and
 * names are stored without bidi controls or zero-width characters. (better-auth has no bulk methods.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INVITE_ADDRESSES, MAX_NAME_LENGTH, MAX_PAGE_SIZE, MAX_USERNAME_LENGTH } from '../../../src/core';
import type { CreateLoginUserInput } from '../../../src/contract/types';
import { createBetterAuthHarness, type BetterAuthHarness } from './harness';
import { rejection } from '../../utils/rejection';

let current: BetterAuthHarness | null = null;
afterEach(async () => {
  await current?.cleanup?.();
  current = null;
});

async function start(): Promise<BetterAuthHarness> {
  current = await createBetterAuthHarness();
  return current;
}

const login = (h: BetterAuthHarness, email: string, over: Partial<CreateLoginUserInput> = {}): CreateLoginUserInput => ({
  kind: 'login', email, firstName: 'Ana', lastName: 'Lima', roleId: 'member', scope: 'entity', entityIds: [h.server.seed.organizations[0]!.id], ...over,
});

/** The name the server stores for an address (better-auth keeps one `name`). */
async function storedName(h: BetterAuthHarness, email: string): Promise<string | undefined> {
  const ctx = await h.server.auth.$context;
  return (await ctx.internalAdapter.findUserByEmail(email))?.user.name;
}

describe('limits (better-auth)', () => {
  it('refuses a 100,000-character first name with firstName too_long and creates nothing; a name of MAX_NAME_LENGTH is stored', async () => {
    const h = await start();
    const error = await rejection(h.adapter.createUser({ input: login(h, 'long.name@acme.fr', { firstName: 'a'.repeat(100_000) }) }));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { firstName: 'too_long' } });
    expect(await storedName(h, 'long.name@acme.fr')).toBeUndefined();
    const { user } = await h.adapter.createUser({ input: login(h, 'just.fits@acme.fr', { lastName: 'b'.repeat(MAX_NAME_LENGTH) }) });
    expect(user.lastName).toHaveLength(MAX_NAME_LENGTH);
    const patch = await rejection(h.adapter.updateUser({ id: user.id, patch: { firstName: 'z'.repeat(100_000) } }));
    expect(patch).toMatchObject({ code: 'validation', fieldErrors: { firstName: 'too_long' } });
    expect((await h.adapter.getUser({ id: user.id })).firstName).toBe('Ana');
    const username = await rejection(h.adapter.createUser({ input: login(h, 'user.name@acme.fr', { username: 'u'.repeat(MAX_USERNAME_LENGTH + 1) }) }));
    expect(username.fieldErrors).toEqual({ username: 'too_long' });
  });

  it('stores a name with U+202E and zero-width characters without them, on create, update and invitation', async () => {
    const h = await start();
    const { user } = await h.adapter.createUser({ input: login(h, 'bidi@acme.fr', { firstName: 'Ana\u202E', lastName: 'Li\u200Bma' }) });
    expect(user).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
    expect(await storedName(h, 'bidi@acme.fr')).toBe('Ana Lima');
    await h.adapter.updateUser({ id: user.id, patch: { firstName: '\u202EAnabela\u2066' } });
    expect(await storedName(h, 'bidi@acme.fr')).toBe('Anabela Lima');
    await h.adapter.inviteUsers({
      input: { emails: ['named@acme.fr'], roleId: 'member', entityIds: [h.server.seed.organizations[0]!.id], names: { 'named@acme.fr': { firstName: 'Noa\u202E', lastName: '\uFEFFNeves' } } },
    });
    expect(await storedName(h, 'named@acme.fr')).toBe('Noa Neves');
  });

  it(`refuses more than ${MAX_INVITE_ADDRESSES} addresses in one inviteUsers call with emails too_long and invites nobody`, async () => {
    const h = await start();
    const emails = Array.from({ length: MAX_INVITE_ADDRESSES + 1 }, (_, i) => `invitee${i}@acme.fr`);
    const error = await rejection(h.adapter.inviteUsers({ input: { emails, roleId: 'member', entityIds: [h.server.seed.organizations[0]!.id] } }));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { emails: 'too_long' } });
    expect(await storedName(h, 'invitee0@acme.fr')).toBeUndefined();
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 10, search: 'invitee0' })).total).toBe(0);
  });

  it('refuses a page over MAX_PAGE_SIZE on every list with pageSize too_long, and serves MAX_PAGE_SIZE', async () => {
    const h = await start();
    const tooLong = { code: 'validation', fieldErrors: { pageSize: 'too_long' } };
    expect(await rejection(h.adapter.listUsers({ pageIndex: 0, pageSize: 1e9 }))).toMatchObject(tooLong);
    expect(await rejection(h.adapter.listInvitations({ pageIndex: 0, pageSize: MAX_PAGE_SIZE + 1 }))).toMatchObject(tooLong);
    expect(await rejection(h.adapter.listEntities({ pageIndex: 0, pageSize: 10_000 }))).toMatchObject(tooLong);
    expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE })).items.length).toBeGreaterThan(0);
  });
});
