/**
 * The README's four levels of use (whole screen, parts, hooks, core): each example is a file in
 * docs/examples/levels, type-checked by tsc, shown word for word in the README, and run here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { FIXTURE_MODULES } from '../../mocks/fixtures';
import { UserAdminProvider } from '../../src/provider/UserAdminProvider';
import { createTestQueryClient } from '../utils/test-adapter';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import { AdminPage } from '../../docs/examples/levels/1-whole-screen';
import { UsersWithSeats } from '../../docs/examples/levels/2-parts';
import { PeopleTable } from '../../docs/examples/levels/3-hooks';
import { modulesNeverGranted, planInvitations } from '../../docs/examples/levels/4-core';

const FILES = ['1-whole-screen.tsx', '2-parts.tsx', '3-hooks.tsx', '4-core.ts'];
const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

function setup() {
  const store = createMockStore({ userCount: 30 });
  return { store, adapter: createMemoryAdapter(store, { latencyMs: 0 }) };
}

describe("the README's four levels of use", { timeout: 20_000 }, () => {
  it.each(FILES)('shows docs/examples/levels/%s word for word', (file) => {
    const code = readFileSync(join(process.cwd(), 'docs/examples/levels', file), 'utf8');
    expect(readme).toContain(code.trim());
  });

  it('1, the whole screen: the users tab with its list, in French', async () => {
    const { adapter } = setup();
    render(<AdminPage adapter={adapter} />);
    expect(await screen.findByRole('tab', { name: new RegExp(fr.userAdmin.tabs.users) }, { timeout: 10_000 })).toBeInTheDocument();
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it("2, parts: the host's part reads the list's state between the toolbar and the table", async () => {
    const { adapter, store } = setup();
    const total = store.getUserCounts().all;
    render(
      <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()} locale="en">
        <UsersWithSeats seats={100} />
      </UserAdminProvider>,
    );
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('note')).toHaveTextContent(`${100 - total} seats left on your plan`));
  });

  it('3, hooks: a table of its own, sorted by email, with the count in the caption', async () => {
    const { adapter, store } = setup();
    render(
      <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()} locale="en">
        <PeopleTable />
      </UserAdminProvider>,
    );
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    const emails = within(table).getAllByRole('rowheader').map((cell) => cell.textContent!);
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
    expect(table.querySelector('caption')?.textContent).toBe(en.users.count_other.replace('{{count}}', String(store.getUserCounts().all)));
  });

  it('4, core: the invitation classification and the admin-only modules, without React', () => {
    const plan = planInvitations(['ana@acme.fr', 'not-an-email', 'ANA@acme.fr', 'bo@acme.fr'], new Set(['bo@acme.fr']), false);
    expect(plan.toInvite).toEqual(['ana@acme.fr']);
    expect(plan.skipped.map((s) => s.reason).sort()).toEqual(['already_member', 'duplicate', 'invalid']);
    expect(planInvitations(['ana@acme.fr'], new Set(), true).skipped).toEqual([{ email: 'ana@acme.fr', reason: 'sso_enforced' }]);
    const adminOnly = FIXTURE_MODULES.filter((m) => m.adminOnly).map((m) => m.id);
    expect(adminOnly.length).toBeGreaterThan(0);
    expect(modulesNeverGranted(false, [...FIXTURE_MODULES])).toEqual(adminOnly);
    expect(modulesNeverGranted(true, [...FIXTURE_MODULES])).toEqual([]);
  });
});
