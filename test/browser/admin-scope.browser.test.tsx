/**
 * A scoped admin in real Chromium (an admin working at entity level, in Acme France): a user who
 * also reaches an entity outside that scope is read-only in the list, every action disabled with
 * the reason; the entity picker offers only Acme France and its sub-accounts. Zero axe violations.
 * The list is the ScopedAdmin story of stories/UserList.stories.tsx, the picker the ScopedAdmin
 * story of stories/EntityAccessPicker.stories.tsx.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SYSTEM_ACTOR_ID } from '../../mocks';
import * as pickerStories from '../../stories/EntityAccessPicker.stories';
import * as userListStories from '../../stories/UserList.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };

const rowOf = (table: HTMLElement, name: string) =>
  within(table).getAllByRole('row').find((row) => row.querySelector('[data-slot="user-list-name"] > span')?.textContent === name)!;

describe('a scoped admin in Chromium', { timeout: 40_000 }, () => {
  for (const [locale, theme] of [['en', 'light'], ['fr', 'dark'], ['pt', 'light']] as const) {
    it(`in ${locale} (${theme}): a user outside the scope is read-only with the reason, one inside is not; zero axe violations`, async () => {
      const t = tFor(locale);
      // The story: José moved to Madrid, the admin working in Acme France; João reaches only Paris (inside).
      const { container } = await renderStory(storiesIn(userListStories, { locale, theme }).ScopedAdmin, {
        prepare: ({ store }) => void store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-joao', patch: { entityIds: ['entity-acme-paris'] } }),
        wrapper: ({ children }) => <main>{children}</main>,
      });
      const table = await screen.findByRole('table', {}, TIMEOUT);
      await waitFor(() => expect(rowOf(table, 'José García')).toHaveAttribute('data-read-only'), TIMEOUT);
      const jose = rowOf(table, 'José García');
      expect(within(jose).getByText(t('userList.readOnly'))).toBeInTheDocument();
      await waitFor(() => expect(rowOf(table, 'João Silva')).not.toHaveAttribute('data-read-only'), TIMEOUT);

      await userEvent.click(within(jose).getByRole('button', { name: t('actions.moreActions', { name: 'José García' }) }));
      const menu = await screen.findByRole('menu', {}, TIMEOUT);
      for (const label of [t('actions.edit'), t('actions.deactivate'), t('actions.remove')]) {
        const item = within(menu).getAllByRole('menuitem').find((el) => el.querySelector('span')?.textContent === label)!;
        expect(item).toHaveAttribute('aria-disabled', 'true');
        expect(item).toHaveAccessibleDescription(t('errors.reason.outside_scope'));
      }
      expect(await axeViolations(container)).toEqual([]);
      await userEvent.keyboard('{Escape}');
    });
  }

  for (const [locale, theme] of [['en', 'light'], ['fr', 'dark'], ['pt', 'light']] as const) {
    it(`in ${locale} (${theme}): the entity picker offers only the workspace entity and its sub-accounts, in the tree and in a search; zero axe violations`, async () => {
      const t = tFor(locale);
      // The story: the admin works in Acme France's workspace; the picker is inline, in the story's <main>.
      const { container } = await renderStory(storiesIn(pickerStories, { locale, theme }).ScopedAdmin);
      const france = await screen.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
      expect(screen.getByText(t('entityPicker.scopedHint'), { exact: false })).toBeInTheDocument();
      await waitFor(() => expect(screen.getByRole('treeitem', { name: /^Acme Paris/ })).toBeInTheDocument(), TIMEOUT);
      const offered = () => screen.getAllByRole('treeitem').map((item) => item.getAttribute('data-entity-id'));
      expect(offered()).not.toContain('entity-acme-group');
      expect(offered()).not.toContain('entity-acme-iberia');
      expect(france).toBeInTheDocument();
      await userEvent.type(screen.getByRole('searchbox'), 'Acme');
      // The search matches every Acme entity; only those in the scope are offered.
      await waitFor(() => expect(screen.getByRole('treeitem', { name: /^Acme Lyon/ })).toBeInTheDocument(), TIMEOUT);
      for (const id of offered()) expect(['entity-acme-france', 'entity-acme-paris', 'entity-acme-lyon']).toContain(id);
      expect(await axeViolations(container)).toEqual([]);
    });
  }
});
