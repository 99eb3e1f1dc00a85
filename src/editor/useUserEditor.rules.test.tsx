import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore, type MockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserEditor, type UseUserEditorOptions } from './useUserEditor';

/**
 * The editor hook over a 7-user store; `sso` marks the edited users as created by SSO (as an
 * identity provider's backend reports them), every other user as created by hand.
 */
function renderEditorHook(prepare: (store: MockStore) => void, options: UseUserEditorOptions = {}, sso: string[] = []) {
  const store = createMockStore({ userCount: 7 });
  prepare(store);
  const adapter = spyOnAdapter(createMemoryAdapter(store, { faults: createFaultInjector() }));
  const getUser = adapter.getUser.getMockImplementation()!;
  adapter.getUser.mockImplementation(async (params) => {
    const user = await getUser(params);
    return { ...user, source: sso.includes(user.id) ? ('sso' as const) : ('manual' as const) };
  });
  return { store, adapter, ...renderHook(() => useUserEditor(options), { wrapper: createWrapper(adapter) }) };
}

describe('useUserEditor: the core decides what is offered', { timeout: 20_000 }, () => {
  it('under enforced SSO no login user is created by hand (core ssoRefusal createLoginUser); without it one is', async () => {
    const sso = renderEditorHook((store) => store.updateSettings({ sso: { enforced: true, providerName: 'Okta' } }));
    await waitFor(() => expect(sso.result.current.isLoading).toBe(false));
    expect(sso.result.current.canCreateLogin).toBe(false);
    expect(sso.result.current.form.getValues('kind')).toBe('contact');

    const plain = renderEditorHook(() => undefined);
    await waitFor(() => expect(plain.result.current.isLoading).toBe(false));
    expect(plain.result.current.canCreateLogin).toBe(true);
  });

  it('an SSO-created user: the fields the identity provider owns (settings.sso.managedFields) are read-only, the others not', async () => {
    const { result } = renderEditorHook(
      (store) => store.updateSettings({ sso: { enforced: false, providerName: null, managedFields: ['email', 'phone'] } }),
      { userId: 'user-jose' },
      ['user-jose'],
    );
    await waitFor(() => expect(result.current.user?.source).toBe('sso'));
    expect([...result.current.readOnlyFields].sort()).toEqual(['email', 'phone']);
    expect([...result.current.ssoManagedFields].sort()).toEqual(['email', 'phone']);
    expect(result.current.groupProfileReadOnly).toBe(false);
  });

  it('an SSO-created user without managedFields: the default (email, first and last name) is read-only', async () => {
    const { result } = renderEditorHook(() => undefined, { userId: 'user-jose' }, ['user-jose']);
    await waitFor(() => expect(result.current.user?.source).toBe('sso'));
    expect([...result.current.readOnlyFields].sort()).toEqual(['email', 'firstName', 'lastName']);
  });

  it('a group user edited at entity level: the whole profile is read-only; at group level none of it', async () => {
    const entity = renderEditorHook(
      (store) => store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } }),
      { userId: 'user-francoise' },
    );
    await waitFor(() => expect(entity.result.current.user).not.toBeNull());
    expect(entity.result.current.user?.scope).toBe('group');
    expect(entity.result.current.groupProfileReadOnly).toBe(true);
    expect([...entity.result.current.readOnlyFields].sort()).toEqual(['email', 'firstName', 'lastName', 'phone', 'username']);

    const group = renderEditorHook(() => undefined, { userId: 'user-francoise' });
    await waitFor(() => expect(group.result.current.user).not.toBeNull());
    expect(group.result.current.groupProfileReadOnly).toBe(false);
    expect(group.result.current.readOnlyFields.size).toBe(0);
  });

  it('a new user has no read-only profile field', async () => {
    const { result } = renderEditorHook((store) => store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } }));
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.readOnlyFields.size).toBe(0);
  });
});
