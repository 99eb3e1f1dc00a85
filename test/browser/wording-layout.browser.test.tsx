/**
 * Issue 15's layout checks, in real Chromium (jsdom has no layout): an email address in the users
 * list never breaks inside a domain label (only, if ever, after its `@` or a dot); the user editor's module
 * grid fits a 1366×768 screen without scrolling sideways.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MODULE_IDS, SYSTEM_ACTOR_ID } from '../../mocks';
import * as permissionMatrixStories from '../../stories/PermissionMatrix.stories';
import * as userEditorStories from '../../stories/UserEditor.stories';
import * as userListStories from '../../stories/UserList.stories';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };
const LONG_EMAIL = 'marieclaire.dupontlefebvre@comptabilite.filialeinternationale.acme.co.uk';

/** The characters of an element's text after which the line breaks (the last one of each line but the last). */
function charactersBeforeLineBreaks(element: Element): { before: string; after: string }[] {
  const chars: { char: string; top: number }[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect) chars.push({ char: text[i]!, top: rect.top });
    }
  }
  const breaks: { before: string; after: string }[] = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i]!.top > chars[i - 1]!.top + 2) breaks.push({ before: chars[i - 1]!.char, after: chars[i]!.char });
  }
  return breaks;
}

describe('Words that read right, laid out (issue 15)', { timeout: 40_000 }, () => {
  it('in fr, a long email in a narrow users list never breaks inside a domain label (only, if ever, after its @ or a dot)', async () => {
    const { FixtureUsers } = storiesIn(userListStories, { locale: 'fr' });
    const Narrow = ({ children }: { children: ReactNode }) => <div style={{ width: 560 }}>{children}</div>;
    await renderStory(FixtureUsers, {
      wrapper: Narrow,
      // A contact's email changes at once (no registration request).
      prepare: ({ store }) => void store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-zoe', patch: { email: LONG_EMAIL } }),
    });
    const table = await screen.findByRole('table', {}, TIMEOUT);
    const cell = await within(table).findByText(LONG_EMAIL, {}, TIMEOUT);
    const breaks = charactersBeforeLineBreaks(cell);
    // The column is narrower than the address only if it may break mid-label (overflow-wrap:
    // anywhere did: "…filialeinternationa / le…"); now it breaks nowhere, or only at a sensible point.
    for (const b of breaks) expect(['@', '.'], `a line ends with "${b.before}" before "${b.after}"`).toContain(b.before);
    expect(cell.textContent).toBe(LONG_EMAIL);
  });

  describe('at 1366×768', () => {
    afterEach(async () => {
      await page.viewport(1280, 900);
    });

    for (const locale of ['en', 'fr', 'pt'] as const) {
      it(`in ${locale}, the user editor's module grid fits without scrolling sideways`, async () => {
        await page.viewport(1366, 768);
        const { Edit } = storiesIn(userEditorStories, { locale });
        await renderStory(Edit);
        const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
        await waitFor(() => expect(dialog.querySelector(`[data-slot="permission-grid-cell"][data-column="${MODULE_IDS.payment}"]`)).not.toBeNull(), TIMEOUT);
        const scroll = dialog.querySelector<HTMLElement>('.uak-permission-grid-scroll')!;
        expect(scroll.scrollWidth, `grid ${scroll.scrollWidth}px in a ${scroll.clientWidth}px box`).toBeLessThanOrEqual(scroll.clientWidth);
        // Nor does the dialog itself scroll sideways.
        const content = dialog as HTMLElement;
        expect(content.scrollWidth).toBeLessThanOrEqual(content.clientWidth);
      });

      it(`in ${locale}, the Permissions grid fits a 1366 px wide page without scrolling sideways`, async () => {
        await page.viewport(1366, 768);
        const { Users } = storiesIn(permissionMatrixStories, { locale });
        const { container } = await renderStory(Users);
        const grid = await screen.findByRole('grid', {}, TIMEOUT);
        await waitFor(() => expect(grid.querySelectorAll('[data-slot="permission-grid-cell"]').length).toBeGreaterThan(0), TIMEOUT);
        const scroll = container.querySelector<HTMLElement>('.uak-permission-grid-scroll')!;
        expect(scroll.scrollWidth, `grid ${scroll.scrollWidth}px in a ${scroll.clientWidth}px box`).toBeLessThanOrEqual(scroll.clientWidth);
      });
    }
  });
});
