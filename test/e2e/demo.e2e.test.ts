// @vitest-environment node
/**
 * The README's demo, end to end: the demo page served by Vite, opened in Debian's Chromium
 * through Playwright. It shows the composed UserAdmin screen over the MSW-backed REST adapter:
 * it must list users, invite someone and show them in both tabs, switch locale without losing
 * state, follow the SSO toggle, work with the keyboard alone, and pass axe with zero violations
 * in every locale, with the invite dialog open too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import pt from '../../src/i18n/locales/pt.json';
import { chromiumArgs, chromiumPath } from '../../vite.config';
import { expectNoAxeViolations, fill, inviteOne, startDemo } from './support';

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ server, url: baseUrl } = await startDemo());
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(path = ''): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl + path);
  await page.getByRole('table').waitFor({ timeout: 30_000 });
  return page;
}

const messages = { en, fr, pt } as const;

describe('the demo page', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    it(`in ${locale}, shows the composed screen with its three tabs and passes axe on the users, the invite dialog, the new user editor, the invitations and the permissions`, async () => {
      const m = messages[locale];
      const page = await openDemo(`?locale=${locale}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(m.demo.title);
      await expect(page.getByRole('heading', { level: 2, name: m.userAdmin.title }).count()).resolves.toBe(1);
      const tabs = page.getByRole('tablist', { name: m.userAdmin.tabsLabel }).getByRole('tab');
      await expect(tabs.count()).resolves.toBe(3);
      await expect(page.getByRole('tab', { name: new RegExp(m.userAdmin.tabs.users) }).getAttribute('aria-selected')).resolves.toBe('true');
      // A header row plus some users.
      expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThan(5);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: m.invite.trigger }).click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: m.userEditor.trigger }).click();
      await page.getByRole('dialog', { name: m.userEditor.title.create }).getByRole('textbox', { name: m.userEditor.fields.firstName, exact: true }).waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: new RegExp(m.userAdmin.tabs.invitations) }).click();
      await page.getByRole('tabpanel', { name: new RegExp(m.userAdmin.tabs.invitations) }).getByRole('table').waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page);
      await page.getByRole('tab', { name: new RegExp(m.userAdmin.tabs.permissions) }).click();
      await page.getByRole('grid', { name: m.permissionMatrix.usersLabel }).waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page);
      await page.context().close();
    }, 90_000);
  }

  it('inviting someone named in the paste shows them in Pending invitations and among the users', async () => {
    const page = await openDemo();
    await inviteOne(page, 'Zoé Demo <zoe.demo@acme.fr>');
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).click();
    await page.getByRole('tabpanel').getByText('zoe.demo@acme.fr').first().waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.users) }).click();
    await page.getByRole('tab', { name: new RegExp(en.userList.views.invited) }).click();
    await page.getByRole('searchbox').fill('zoe.demo');
    // The name typed with the address reached the new user.
    await page.getByRole('tabpanel').getByRole('table').getByText('Zoé Demo').first().waitFor({ timeout: 10_000 });
    await page.context().close();
  }, 90_000);

  it('given a search typed, switching to French keeps it and translates the page', async () => {
    const page = await openDemo();
    const search = page.getByRole('searchbox');
    await search.fill('martin');
    await page.getByLabel(en.demo.localeLabel).selectOption('fr');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(fr.demo.title);
    await expect(page.getByRole('searchbox').inputValue()).resolves.toBe('martin');
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('enforcing SSO disables inviting and says users are created at their first sign-in', async () => {
    const page = await openDemo();
    await page.getByLabel(en.demo.ssoLabel).check();
    const trigger = page.getByRole('button', { name: en.invite.trigger });
    await expect.poll(() => trigger.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    await expect(page.getByText(fill(en.settings.ssoEnforced, { provider: 'Okta' })).count()).resolves.toBeGreaterThan(0);
    await trigger.click({ force: true });
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('is usable with the keyboard alone: tab to Invite, open it with Enter, close it with Escape', async () => {
    const page = await openDemo();
    const invite = page.getByRole('button', { name: en.invite.trigger });
    for (let i = 0; i < 40 && !(await invite.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(invite.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await expect(page.getByRole('textbox', { name: en.invite.emails.label }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    // Focus returns to the trigger, then the tabs are reachable and switch with the arrows.
    await expect(invite.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.context().close();
  }, 60_000);

  it('creating a contact from New user adds them to the list, and the outcome stays visible', async () => {
    const page = await openDemo();
    await page.getByRole('button', { name: en.userEditor.trigger }).click();
    const dialog = page.getByRole('dialog', { name: en.userEditor.title.create });
    await dialog.getByRole('radio', { name: en.userEditor.kind.contact }).check();
    await dialog.getByRole('textbox', { name: en.userEditor.fields.firstName }).fill('Ugo');
    await dialog.getByRole('textbox', { name: en.userEditor.fields.lastName }).fill('Contactson');
    await dialog.getByRole('textbox', { name: en.userEditor.fields.email }).fill('ugo@supplier.example');
    // A contact lives in one entity: open the picker and choose the first one with Enter.
    await dialog.getByRole('button', { name: new RegExp(en.entityPicker.placeholderSingle) }).click();
    await dialog.getByRole('treeitem').first().focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: en.userEditor.submit.create }).click();
    // Announced, and shown under the header.
    await page.locator('.uak-user-admin-notice').getByText(fill(en.userEditor.result.createdContact, { name: 'Ugo Contactson' })).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.getByRole('searchbox').fill('contactson');
    await page.getByRole('table').getByText('ugo@supplier.example').waitFor({ timeout: 10_000 });
    await page.context().close();
  }, 90_000);

  it('sign-in help from a row: a pasted identity-provider error gets its cause and who can fix it, with zero axe violations', async () => {
    const page = await openDemo();
    await page.getByRole('button', { name: new RegExp(fill(en.actions.moreActions, { name: '' }).trim()) }).first().click();
    await page.getByRole('menuitem', { name: en.userList.rowActions.signInHelp }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: en.signInGuide.paste.label }).fill('AADSTS50053: The account is locked because the user tried to sign in too many times.');
    await dialog.getByText(en.signInFailure.locked).first().waitFor({ timeout: 10_000 });
    await dialog.getByText(en.signInGuide.resolver.support).first().waitFor();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.context().close();
  }, 90_000);

  it('at entity level (Acme France), the admin neither acts on users outside it nor sees or grants other entities; New user starts as an entity user there', async () => {
    const page = await openDemo();
    await page.getByLabel(en.demo.workspaceLabel).selectOption('entity');
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.users) }).click();
    // Karim Benali is a group administrator of Acme France and Acme Deutschland in the fixtures:
    // Deutschland lies outside the workspace, so his row is read-only and says why.
    await page.getByRole('searchbox').fill('karim');
    const karim = page.getByRole('row').filter({ hasText: 'Karim Benali' });
    await karim.getByText(en.userList.readOnly).waitFor({ timeout: 10_000 });
    await karim.getByRole('button', { name: fill(en.actions.moreActions, { name: 'Karim Benali' }) }).click();
    const edit = page.getByRole('menuitem', { name: en.actions.edit });
    await expect.poll(() => edit.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    await expect(page.getByRole('menuitem', { name: en.actions.remove }).getAttribute('aria-disabled')).resolves.toBe('true');
    await page.getByText(en.errors.reason.outside_scope).first().waitFor({ timeout: 10_000 });
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');

    // New user: an entity user in Acme France, and the picker offers France and its sub-accounts only.
    await page.getByRole('button', { name: en.userEditor.trigger }).click();
    const dialog = page.getByRole('dialog', { name: en.userEditor.title.create });
    await expect.poll(() => dialog.getByRole('radio', { name: en.userEditor.scope.entity }).isChecked(), { timeout: 10_000 }).toBe(true);
    await dialog.getByText('Acme France SAS').first().waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: new RegExp(en.userEditor.entities.single) }).first().click();
    await page.getByRole('treeitem', { name: /^Acme Paris/ }).waitFor({ timeout: 10_000 });
    const offered = await page.getByRole('treeitem').evaluateAll((items) => items.map((item) => item.getAttribute('data-entity-id')));
    expect(offered.length).toBeGreaterThan(0);
    for (const id of offered) expect(['entity-acme-france', 'entity-acme-paris', 'entity-acme-lyon']).toContain(id);
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 90_000);

  it('under SSO, New user offers contacts only and says why', async () => {
    const page = await openDemo();
    await page.getByLabel(en.demo.ssoLabel).check();
    await expect.poll(() => page.getByRole('button', { name: en.invite.trigger }).getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    await page.getByRole('button', { name: en.userEditor.trigger }).click();
    const dialog = page.getByRole('dialog', { name: en.userEditor.title.create });
    await expect.poll(() => dialog.getByRole('radio', { name: en.userEditor.kind.login }).isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect(dialog.getByRole('radio', { name: en.userEditor.kind.contact }).isChecked()).resolves.toBe(true);
    await dialog.getByText(fill(en.userEditor.kind.loginUnavailable, { provider: 'Okta' })).waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 90_000);
});
