/**
 * Disposable addresses on the SCIM adapter, against the real provider: besides the `disposable`
 * skip of inviteUsers (a kit check), a new login user and a login user's email change are refused
 * for one (validation, fieldErrors.email 'not_allowed'); contacts are exempt, as in the reference
 * store. The default bundled list, or the host's own `isDisposableEmail`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimAdapterOptions } from '../../../src/adapters/scim';
import type { CreateLoginUserInput } from '../../../src/contract/types';
import { ALLOWED_DOMAINS, createScimHarness, type ScimHarness } from './harness';
import { rejection } from '../../utils/rejection';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

async function start(adapterOptions: Partial<ScimAdapterOptions> = {}): Promise<ScimHarness> {
  harness = await createScimHarness({}, adapterOptions);
  return harness;
}

async function login(h: ScimHarness, email: string): Promise<CreateLoginUserInput> {
  const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
  return { kind: 'login', email, firstName: 'Dana', lastName: 'Disposable', roleId, scope: 'entity', entityIds: ['entity-acme-paris'] };
}

describe('disposable addresses (SCIM)', () => {
  it('createUser refuses a disposable address for a login user and creates nothing; a contact may have one', async () => {
    const h = await start();
    const size = h.server.store.users.size;
    const error = await rejection(h.adapter.createUser({ input: await login(h, 'dana@mailinator.com') }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    expect(h.server.store.users.size).toBe(size);
    const { user } = await h.adapter.createUser({ input: { kind: 'contact', email: 'supplier@mailinator.com', firstName: 'Sam', lastName: 'Supplier', entityId: 'entity-acme-paris' } });
    expect(user.kind).toBe('contact');
    expect(user.email).toBe('supplier@mailinator.com');
  });

  it("a login user's email change to a disposable address is refused; a contact's is not", async () => {
    const h = await start();
    const { items } = await h.adapter.listUsers({ pageIndex: 0, pageSize: 50, filter: { status: ['active'], kind: 'login' } });
    const user = items.find((u) => u.source !== 'sso' && u.id !== 'user-admin')!;
    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { email: 'someone@mailinator.com' } }));
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    expect((await h.adapter.getUser({ id: user.id })).email).toBe(user.email);
    const contact = (await h.adapter.listUsers({ pageIndex: 0, pageSize: 50, filter: { kind: 'contact' } })).items.find((u) => u.source !== 'sso')!;
    const { user: changed } = await h.adapter.updateUser({ id: contact.id, patch: { email: 'contact@mailinator.com' } });
    expect(changed.email).toBe('contact@mailinator.com');
  });

  it('a host check of () => false lets a disposable address through', async () => {
    const h = await start({ isDisposableEmail: () => false });
    const { user } = await h.adapter.createUser({ input: await login(h, 'dana@mailinator.com') });
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
    const error = await rejection(h.adapter.createUser({ input: await login(h, 'eve@blocked.test') }));
    expect(error.fieldErrors).toEqual({ email: 'not_allowed' });
    const { user } = await h.adapter.createUser({ input: await login(h, 'dana@mailinator.com') });
    expect(user.email).toBe('dana@mailinator.com');
    const changed = await rejection(h.adapter.updateUser({ id: user.id, patch: { email: 'dana@blocked.test' } }));
    expect(changed.fieldErrors).toEqual({ email: 'not_allowed' });
    expect(checked).toEqual(['eve@blocked.test', 'dana@mailinator.com', 'dana@blocked.test']);
  });
});
