import { describe, expect, it } from 'vitest';
import { UserAdminError } from '../src/contract/errors';
import { PASSWORD_RESET_TTL_MS } from '../src/core';
import { CURRENT_ADMIN_ID } from './fixtures';
import { createMockStore, type MockStore } from './store';

function caught(run: () => unknown): UserAdminError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserAdminError) return error;
    throw error;
  }
  throw new Error('expected the call to throw a UserAdminError');
}

const first = (store: MockStore, filter: Parameters<MockStore['listUsers']>[0]['filter']) => store.listUsers({ pageIndex: 0, pageSize: 1, filter }).items[0]!;
const notApplicable = { code: 'conflict', reason: 'password_reset_not_applicable' };

describe('sendPasswordReset in the reference store', () => {
  it('given an active login user, sends a link valid one hour to their address, records it in the outbox and leaves the user as they were', () => {
    const store = createMockStore();
    const before = store.getUser({ id: 'user-jose' });
    const now = store.clock.now();
    const result = store.sendPasswordReset({ id: 'user-jose' });
    expect(result).toEqual({ sentTo: 'jose.garcia@acme.es', expiresAt: new Date(now + PASSWORD_RESET_TTL_MS).toISOString() });
    expect(store.sentPasswordResets()).toEqual([
      { userId: 'user-jose', sentTo: 'jose.garcia@acme.es', sentAt: new Date(now).toISOString(), expiresAt: result.expiresAt, sentBy: CURRENT_ADMIN_ID },
    ]);
    expect(store.getUser({ id: 'user-jose' })).toEqual(before);
  });

  it('given a contact, an invited or a deactivated user, refuses with conflict password_reset_not_applicable and sends nothing', () => {
    const store = createMockStore();
    for (const user of [first(store, { kind: 'contact' }), first(store, { status: ['invited'] }), first(store, { status: ['deactivated'], kind: 'login' })]) {
      expect(caught(() => store.sendPasswordReset({ id: user.id }))).toMatchObject(notApplicable);
    }
    expect(store.sentPasswordResets()).toEqual([]);
  });

  it('given enforced SSO, refuses with forbidden sso_enforced and sends nothing', () => {
    const store = createMockStore({ settings: { sso: { enforced: true, providerName: 'Okta' } } });
    expect(caught(() => store.sendPasswordReset({ id: 'user-jose' }))).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(store.sentPasswordResets()).toEqual([]);
  });

  it('given a scoped admin, refuses a user outside their scope (outside_scope) and sends to one inside, as that admin', () => {
    const store = createMockStore();
    const karim = store.as('user-admin-2');
    // José reaches São Paulo, outside Karim's France and Germany.
    expect(caught(() => karim.sendPasswordReset({ id: 'user-jose' }))).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    const inside = store.listUsers({ pageIndex: 0, pageSize: 200, filter: { status: ['active'], kind: 'login', entityIds: ['entity-acme-paris'] } })
      .items.find((u) => u.adminScope === null && u.entityIds.every((id) => id === 'entity-acme-paris'))!;
    expect(karim.sendPasswordReset({ id: inside.id }).sentTo).toBe(inside.email);
    expect(store.sentPasswordResets().map((r) => [r.userId, r.sentBy])).toEqual([[inside.id, 'user-admin-2']]);
  });

  it('given an unknown id, answers not_found; reset() empties the outbox', () => {
    const store = createMockStore();
    expect(caught(() => store.sendPasswordReset({ id: 'nobody' })).code).toBe('not_found');
    store.sendPasswordReset({ id: 'user-jose' });
    store.reset();
    expect(store.sentPasswordResets()).toEqual([]);
  });
});
