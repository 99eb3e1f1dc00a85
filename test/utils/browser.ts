/**
 * What the Chromium tests share: axe with the violations as readable lines, and the library's `t`
 * per locale, so assertions use the texts of the locale under test.
 */
import axe from 'axe-core';
import { expect, it } from 'vitest';
import { createUserAdminI18n, getUserAdminT, type UserAdminT } from '../../src/i18n';

/** The axe violations under a node (the whole page by default), one `rule: targets` line each. */
export async function axeViolations(node: Element = document.body): Promise<string[]> {
  const result = await axe.run(node, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const cache = new Map<string, UserAdminT>();
/** The library's `t` in a locale. */
export function tFor(locale: string): UserAdminT {
  let t = cache.get(locale);
  if (!t) cache.set(locale, (t = getUserAdminT(createUserAdminI18n({ locale }))));
  return t;
}

/** The locales and themes every screen is checked in. */
export const AXE_LOCALES = ['en', 'fr', 'pt'] as const;
export const AXE_THEMES = ['light', 'dark'] as const;

/** A state to check: renders it in a locale and theme, then gives its container and a check that it is the right state. */
export type AxeState = (options: { locale: (typeof AXE_LOCALES)[number]; theme: (typeof AXE_THEMES)[number] }) => Promise<{
  container: HTMLElement;
  check: () => void;
}>;

/**
 * One test per locale × theme × state: the state renders, its own check passes, and axe finds
 * zero violations in its container.
 * @example
 * describe('the invite dialog in Chromium', () => { itHasNoAxeViolations(STATES); });
 */
export function itHasNoAxeViolations(states: Record<string, AxeState>): void {
  for (const locale of AXE_LOCALES) {
    for (const theme of AXE_THEMES) {
      for (const [state, setup] of Object.entries(states)) {
        it(`in ${locale} with the ${theme} theme, ${state} has zero axe violations`, async () => {
          const { container, check } = await setup({ locale, theme });
          check();
          expect(await axeViolations(container)).toEqual([]);
        });
      }
    }
  }
}
