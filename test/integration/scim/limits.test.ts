/**
 * The bounds of issue 12 on the SCIM adapter (docs/limits.md), against the real provider: inputs
 * are parsed by the shared schemas before anything is sent, so a name over MAX_NAME_LENGTH, more
 * than MAX_INVITE_ADDRESSES addresses, a page over MAX_PAGE_SIZE or more than MAX_BULK_IDS ids are
 * refused with `validation` and the field code `too_long` (the screens state the limit), and names
 * are stored without bidi controls or zero-width characters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BULK_IDS, MAX_INVITE_ADDRESSES, MAX_NAME_LENGTH, MAX_PAGE_SIZE, MAX_PHONE_LENGTH, MAX_USERNAME_LENGTH } from '../../../src/core';
import type { CreateLoginUserInput } from '../../../src/contract/types';
import { createScimHarness, type ScimHarness } from './harness';
import { rejection } from '../../utils/rejection';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

async function start(features: Parameters<typeof createScimHarness>[0] = {}): Promise<ScimHarness> {
  harness = await createScimHarness(features);
  return harness;
}

const login = (email: string, over: Partial<CreateLoginUserInput> = {}): CreateLoginUserInput => ({
  kind: 'login', email, firstName: 'Ana', lastName: 'Lima', roleId: 'role-user', scope: 'entity', entityIds: ['entity-acme-paris'], ...over,
});

const writes = (h: ScimHarness, from: number) => h.server.requests.slice(from).filter((r) => r.method !== 'GET');

describe('limits (SCIM)', () => {
  it('refuses a 100,000-character first name with firstName too_long and sends nothing; a name of MAX_NAME_LENGTH is stored', async () => {
    const h = await start();
    const from = h.server.requests.length;
    const error = await rejection(h.adapter.createUser({ input: login('long.name@acme.fr', { firstName: 'a'.repeat(100_000) }) }));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { firstName: 'too_long' } });
    expect(writes(h, from)).toEqual([]);
    const contact = await rejection(h.adapter.createUser({ input: { kind: 'contact', email: 'c@acme.fr', firstName: 'Cy', lastName: 'b'.repeat(MAX_NAME_LENGTH + 1), entityId: 'entity-acme-paris' } }));
    expect(contact.fieldErrors).toEqual({ lastName: 'too_long' });
    const { user } = await h.adapter.createUser({ input: login('just.fits@acme.fr', { firstName: 'a'.repeat(MAX_NAME_LENGTH) }) });
    expect(user.firstName).toHaveLength(MAX_NAME_LENGTH);
    const patch = await rejection(h.adapter.updateUser({ id: user.id, patch: { lastName: 'z'.repeat(100_000) } }));
    expect(patch).toMatchObject({ code: 'validation', fieldErrors: { lastName: 'too_long' } });
    expect((await h.adapter.getUser({ id: user.id })).lastName).toBe('Lima');
  });

  it('refuses a phone over MAX_PHONE_LENGTH and a username over MAX_USERNAME_LENGTH with too_long', async () => {
    const h = await start();
    const phone = await rejection(h.adapter.createUser({ input: login('phone@acme.fr', { phone: `+33 ${'1'.repeat(MAX_PHONE_LENGTH)}` }) }));
    expect(phone.fieldErrors).toEqual({ phone: 'too_long' });
    const username = await rejection(h.adapter.createUser({ input: login('user.name@acme.fr', { username: 'u'.repeat(MAX_USERNAME_LENGTH + 1) }) }));
    expect(username.fieldErrors).toEqual({ username: 'too_long' });
  });

  it('stores a name with U+202E and zero-width characters without them, on create, update and invitation', async () => {
    const h = await start();
    const { user } = await h.adapter.createUser({ input: login('bidi@acme.fr', { firstName: 'Ana\u202E', lastName: 'Li\u200Bma' }) });
    expect(user).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
    expect(h.server.store.users.get(user.id)!.name).toMatchObject({ givenName: 'Ana', familyName: 'Lima' });
    expect(h.server.store.users.get(user.id)!.displayName).toBe('Ana Lima');
    const updated = await h.adapter.updateUser({ id: user.id, patch: { firstName: '\u202EAnabela\u2066' } });
    expect(updated.user.firstName).toBe('Anabela');
    expect(h.server.store.users.get(user.id)!.name?.givenName).toBe('Anabela');
    const { invited } = await h.adapter.inviteUsers({
      input: { emails: ['named@acme.fr'], roleId: 'role-user', entityIds: ['entity-acme-paris'], names: { 'named@acme.fr': { firstName: 'Noa\u202E', lastName: '\uFEFFNeves' } } },
    });
    const stored = h.server.store.users.get(invited[0]!.userId)!;
    expect(stored.name).toMatchObject({ givenName: 'Noa', familyName: 'Neves' });
  });

  it(`refuses more than ${MAX_INVITE_ADDRESSES} addresses in one inviteUsers call with emails too_long and sends nothing`, async () => {
    const h = await start();
    const from = h.server.requests.length;
    const emails = Array.from({ length: MAX_INVITE_ADDRESSES + 1 }, (_, i) => `invitee${i}@acme.fr`);
    const error = await rejection(h.adapter.inviteUsers({ input: { emails, roleId: 'role-user', entityIds: ['entity-acme-paris'] } }));
    expect(error).toMatchObject({ code: 'validation', fieldErrors: { emails: 'too_long' } });
    expect(writes(h, from)).toEqual([]);
  });

  it('refuses a page over MAX_PAGE_SIZE on every list with pageSize too_long, and serves MAX_PAGE_SIZE', async () => {
    const h = await start();
    const tooLong = { code: 'validation', fieldErrors: { pageSize: 'too_long' } };
    expect(await rejection(h.adapter.listUsers({ pageIndex: 0, pageSize: 1e9 }))).toMatchObject(tooLong);
    expect(await rejection(h.adapter.listInvitations({ pageIndex: 0, pageSize: MAX_PAGE_SIZE + 1 }))).toMatchObject(tooLong);
    expect(await rejection(h.adapter.listEntities({ pageIndex: 0, pageSize: 10_000 }))).toMatchObject(tooLong);
    expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE })).items.length).toBeGreaterThan(0);
  });

  it(`refuses more than ${MAX_BULK_IDS} ids in one bulk call with ids too_long and changes nothing`, async () => {
    const h = await start({ bulk: true });
    const { items } = await h.adapter.listUsers({ pageIndex: 0, pageSize: 5, filter: { status: ['active'] } });
    const ids = [...items.map((u) => u.id), ...Array.from({ length: MAX_BULK_IDS }, (_, i) => `nobody-${i}`)];
    const from = h.server.requests.length;
    expect(await rejection(h.adapter.setUsersStatus!({ ids, status: 'deactivated' }))).toMatchObject({ code: 'validation', fieldErrors: { ids: 'too_long' } });
    expect(await rejection(h.adapter.removeUsers!({ ids }))).toMatchObject({ code: 'validation', fieldErrors: { ids: 'too_long' } });
    expect(h.server.requests.length).toBe(from);
  });
});
