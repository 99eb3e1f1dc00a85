/**
 * What the demo's end-to-end tests share: starting the demo's Vite dev server on 127.0.0.1 (on
 * the mock or a real backend), axe, message interpolation, and inviting through the dialog.
 */
import { expect } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import en from '../../src/i18n/locales/en.json';

/** Starts the demo on an ephemeral port; `backend` is what `npm run demo -- --backend` takes. */
export async function startDemo(backend?: string): Promise<{ server: ViteDevServer; url: string }> {
  // The demo's config reads DEMO_BACKEND when it loads.
  if (backend) process.env.DEMO_BACKEND = backend;
  try {
    const server = await createServer({
      configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
      server: { host: '127.0.0.1', port: 0, strictPort: false },
      logLevel: 'error',
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('the demo server has no address');
    return { server, url: `http://127.0.0.1:${address.port}/` };
  } finally {
    if (backend) delete process.env.DEMO_BACKEND;
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A message with its `{{values}}` filled, as i18next would. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

/**
 * Invites one address (typed as given, e.g. `Zoé Demo <zoe.demo@acme.fr>`) with the second role
 * and the first entity, by keyboard in the entity tree, and waits for "1 invitation sent"; the
 * dialog is closed after.
 */
export async function inviteOne(page: Page, typed: string): Promise<void> {
  await page.getByRole('button', { name: en.invite.trigger }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: en.invite.emails.label }).fill(`${typed},`);
  await dialog.getByRole('combobox', { name: en.invite.role.label }).selectOption({ index: 1 });
  // The entity picker is a tree: focus an entity and select it with Space.
  await dialog.getByRole('treeitem').first().focus();
  await page.keyboard.press('Space');
  await dialog.getByText(fill(en.entityPicker.summary_one, { formatted: 1 })).waitFor({ timeout: 15_000 });
  await dialog.getByRole('button', { name: en.invite.submit }).click();
  await dialog.getByText(fill(en.invite.result.invitedCount_one, { count: 1 })).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
}
