import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createMemoryAdapter, createMockStore } from '../../mocks';
import { CURRENT_ADMIN_ID } from '../../mocks/fixtures';
import { createWrapper } from '../../test/utils/test-adapter';
import { useSignInErrorGuide, type UseSignInErrorGuideOptions } from './useSignInErrorGuide';

const KARIM = 'user-admin-2';

/** A store where Søren (deactivated) and João (invited) are in a company outside Karim's admin scope, or inside it. */
function setup(options: { actAs?: string; inKarimsScope?: boolean } = {}) {
  const store = createMockStore({ userCount: 20 });
  const system = store.as(SYSTEM_ACTOR_ID);
  const scope = store.getUser({ id: KARIM }).adminScope;
  const own = scope?.type === 'entities' ? scope.entityIds : [];
  const companies = system.listEntities({ pageIndex: 0, pageSize: 100 }).items.filter((e) => e.kind === 'company').map((e) => e.id);
  const outside = companies.find((id) => !own.includes(id))!;
  const entityId = options.inKarimsScope ? own[0]! : outside;
  for (const id of ['user-soren', 'user-joao']) system.updateUser({ id, patch: { entityIds: [entityId] } });
  const adapter = createMemoryAdapter(options.actAs ? store.as(options.actAs) : store, { latencyMs: 0 });
  return { store, wrapper: createWrapper(adapter) };
}

async function guide(context: ReturnType<typeof setup>, options: UseSignInErrorGuideOptions) {
  const view = renderHook(() => useSignInErrorGuide(options), { wrapper: context.wrapper });
  await waitFor(() => expect(view.result.current.settings).toBeDefined());
  await waitFor(() => expect(view.result.current.guidance).not.toBeNull());
  return view;
}

describe('useSignInErrorGuide: the admin action follows the core rules', { timeout: 20_000 }, () => {
  it('offers reactivation of a user in the acting scope, and not of one outside it (outside_scope)', async () => {
    const inside = setup({ actAs: KARIM, inKarimsScope: true });
    const soren = inside.store.getUser({ id: 'user-soren' });
    const a = await guide(inside, { user: soren, message: 'Your account has been deactivated' });
    expect(a.result.current.guidance?.adminAction).toBe('reactivate');
    await waitFor(() => expect(a.result.current.adminAction).toBe('reactivate'));

    const outside = setup({ actAs: KARIM });
    const b = await guide(outside, { user: outside.store.getUser({ id: 'user-soren' }), message: 'Your account has been deactivated' });
    expect(b.result.current.guidance?.adminAction).toBe('reactivate');
    // Once the entities are known, the core refuses: nothing is offered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => expect(b.result.current.adminAction).toBeNull());
  });

  it('offers no resend and no entity editing for a user outside the acting scope; an admin with every entity gets both', async () => {
    const outside = setup({ actAs: KARIM });
    const joao = outside.store.getUser({ id: 'user-joao' });
    const expired = await guide(outside, { user: joao, message: 'This invitation has expired' });
    expect(expired.result.current.guidance?.adminAction).toBe('resendInvitation');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => expect(expired.result.current.adminAction).toBeNull());
    const noEntity = await guide(outside, { user: joao, message: 'No access to this entity', onEditUser: () => {} });
    expect(noEntity.result.current.guidance?.adminAction).toBe('editEntities');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => expect(noEntity.result.current.adminAction).toBeNull());

    const all = setup({ actAs: CURRENT_ADMIN_ID });
    const again = await guide(all, { user: all.store.getUser({ id: 'user-joao' }), message: 'This invitation has expired' });
    await waitFor(() => expect(again.result.current.adminAction).toBe('resendInvitation'));
    const edit = await guide(all, { user: all.store.getUser({ id: 'user-joao' }), message: 'No access to this entity', onEditUser: () => {} });
    await waitFor(() => expect(edit.result.current.adminAction).toBe('editEntities'));
  });
});
