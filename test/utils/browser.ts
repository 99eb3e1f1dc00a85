/**
 * What the Chromium tests share: axe with the violations as readable lines, and the library's `t`
 * per locale, so assertions use the texts of the locale under test.
 */
import axe from 'axe-core';
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
