import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore, type MockSettingsPatch } from '../../mocks';
import { createWrapper } from '../../test/utils/test-adapter';
import { useUserAdminScreen } from './useUserAdminScreen';

async function screenWith(settings: MockSettingsPatch) {
  const store = createMockStore({ userCount: 7 });
  store.updateSettings(settings);
  const view = renderHook(() => useUserAdminScreen(), { wrapper: createWrapper(createMemoryAdapter(store, { latencyMs: 0 })) });
  await waitFor(() => expect(view.result.current.settingsLoaded).toBe(true));
  return view.result.current;
}

describe('useUserAdminScreen: what enforced SSO forbids comes from the core (ssoRefusal)', { timeout: 20_000 }, () => {
  it('without SSO, users are created and invited', async () => {
    const screen = await screenWith({});
    expect(screen.canCreateUser).toBe(true);
    expect(screen.canInvite).toBe(true);
  });

  it('under enforced SSO nobody is invited, and "New user" still creates contacts', async () => {
    const screen = await screenWith({ sso: { enforced: true, providerName: 'Okta' } });
    expect(screen.canInvite).toBe(false);
    expect(screen.canCreateUser).toBe(true);
  });

  it('under enforced SSO on a backend without contacts, nothing is created', async () => {
    const store = createMockStore({ userCount: 7 });
    const features = store.getSettings().features;
    const screen = await screenWith({ sso: { enforced: true, providerName: 'Okta' }, features: { ...features, contacts: false } });
    expect(screen.canCreateUser).toBe(false);
  });

  it('a backend without invitations offers no invite, SSO or not', async () => {
    const features = createMockStore({ userCount: 7 }).getSettings().features;
    const screen = await screenWith({ features: { ...features, invitations: false } });
    expect(screen.canInvite).toBe(false);
  });
});
