import type { Browser, Page } from 'playwright-core';

/** What the browser reported while a page was open: console errors and warnings, uncaught errors. */
export interface PageReports { console: string[]; errors: string[] }

/**
 * Opens `url` in a fresh context that records, from before any of the page's scripts, every
 * Content-Security-Policy violation (Playwright's init scripts are not subject to the page's CSP;
 * read them with {@link cspViolations}), and collects console errors, warnings and page errors.
 */
export async function openWatched(browser: Browser, url: string): Promise<{ page: Page; reports: PageReports }> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  const page = await context.newPage();
  const reports: PageReports = { console: [], errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') reports.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => reports.errors.push(String(e)));
  await page.goto(url);
  return { page, reports };
}

/** The CSP violations a page opened by {@link openWatched} has reported so far. */
export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
