import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createMemoryAdapter, createMockStore } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { createTestQueryClient } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList } from './UserList';
import type { User } from '../contract/types';

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));

describe.each(['en', 'fr', 'pt'] as const)('UserList badges in %s', { timeout: 20_000 }, (locale) => {
  const t = getUserAdminT(createUserAdminI18n({ locale }));

  async function renderWith(pick: (store: ReturnType<typeof createMockStore>) => User) {
    const store = createMockStore({ userCount: 60 });
    const target = pick(store);
    render(
      <UserAdminProvider adapter={createMemoryAdapter(store, { latencyMs: 0 })} queryClient={createTestQueryClient()} locale={locale}>
        <UserList defaultState={{ pageSize: 10, search: target.email }} searchDebounceMs={0} now={() => store.clock.now()} />
      </UserAdminProvider>,
    );
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    await waitFor(() => expect(bodyRows(table).some((row) => within(row).queryByText(target.email))).toBe(true), { timeout: 10_000 });
    return bodyRows(table).find((row) => within(row).queryByText(target.email))!;
  }

  it('given an active contact, who cannot sign in, shows a neutral Contact status, never a green Active', async () => {
    const row = await renderWith((store) => store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'contact', status: ['active'] } }).items[0]!);
    const status = row.querySelector('[data-slot="user-list-status"]')!;
    expect(status).toHaveTextContent(t('status.contact'));
    expect(status).toHaveAttribute('data-tone', 'neutral');
    expect(row).not.toHaveTextContent(t('status.active'));
  });

  it('given a group user with one entity, the badge says Group (not "Multi-entity") beside "1 entity"', async () => {
    const row = await renderWith((store) => {
      const user = store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'login', scope: 'group', status: ['active'] } }).items[0]!;
      return store.as(SYSTEM_ACTOR_ID).updateUser({ id: user.id, patch: { entityIds: [user.entityIds[0]!] } }).user;
    });
    const badge = row.querySelector('[data-slot="user-list-multi-entity"]')!;
    expect(badge).toHaveTextContent(t('users.groupBadge'));
    expect(within(row).getByRole('button', { name: t('userList.entityCount', { count: 1 }) })).toBeInTheDocument();
    expect(t('users.groupBadge')).toBe(t('entityKind.group'));
  });
});
