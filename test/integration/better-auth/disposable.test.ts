/**
 * Disposable addresses on the better-auth adapter, against the real server: besides the
 * `disposable` skip of inviteUsers (a kit check), a new login user and an email change are
 * refused for one (validation, fieldErrors.email 'not_allowed', as the reference store), by the
 * default bundled list or by the host's own `isDisposableEmail`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateLoginUserInput } from '../../../src/contract/types';
import { ALLOWED_DOMAINS, createBetterAuthHarness, type BetterAuthHarness } from './harness';
import { rejection } from '../../utils/rejection';

let current: BetterAuthHarness | null = null;
afterEach(async () => {
  await current?.cleanup?.();
  current = null;
});

async function start(over: Parameters<typeof createBetterAuthHarness>[0] = {}): Promise<BetterAuthHarness> {
  current = await createBetterAuthHarness(over);
  return current;
}

const login = (h: BetterAuthHarness, email: string): CreateLoginUserInput => ({
  kind: 'login', email, firstName: 'Dana', lastName: 'Disposable', roleId: 'member', scope: 'entity', entityIds: [h.server.seed.organizations[0]!.id],
});

const found = async (h: BetterAuthHarness, search: string) => (await h.adapter.listUsers({ pageIndex: 0, pageSize: 10, search })).total;

describe('disposable addresses (better-auth)', () => {
  it('createUser refuses a disposable address by default and creates nothing', async () => {
    const h = await start();
    const error = await rejection(h.adapter.createUser({ input: login(h, 'dana@mailinator.com') }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    expect(error.message).toContain('disposable');
    expect(await found(h, 'dana@mailinator.com')).toBe(0);
  });

  it('an email change to a disposable address is refused and the user keeps theirs', async () => {
    const h = await start();
    const { items } = await h.adapter.listUsers({ pageIndex: 0, pageSize: 5, filter: { status: ['active'] } });
    const user = items.find((u) => u.id !== h.server.seed.admin.id)!;
    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { email: 'someone@mailinator.com' } }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    expect((await h.adapter.getUser({ id: user.id })).email).toBe(user.email);
  });

  it('a host check of () => false lets a disposable address through', async () => {
    const h = await start({ isDisposableEmail: () => false });
    const { user } = await h.adapter.createUser({ input: login(h, 'dana@mailinator.com') });
    expect(user.email).toBe('dana@mailinator.com');
    expect(user.status).toBe('invited');
  });

  it("a host's own check replaces the bundled list: @blocked.test is refused, mailinator.com is not", async () => {
    const checked: string[] = [];
    const h = await start({
      allowedDomains: [...ALLOWED_DOMAINS, 'blocked.test'],
      isDisposableEmail: async (email) => {
        checked.push(email);
        return email.endsWith('@blocked.test');
      },
    });
    const error = await rejection(h.adapter.createUser({ input: login(h, 'eve@blocked.test') }));
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    const { user } = await h.adapter.createUser({ input: login(h, 'dana@mailinator.com') });
    expect(user.email).toBe('dana@mailinator.com');
    const changed = await rejection(h.adapter.updateUser({ id: user.id, patch: { email: 'dana@blocked.test' } }));
    expect(changed.fieldErrors).toEqual({ email: 'not_allowed' });
    expect(checked).toEqual(['eve@blocked.test', 'dana@mailinator.com', 'dana@blocked.test']);
  });
});
