import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { User } from '../../src/domain/types.js';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, launchBrowser, type TestBrowser } from '../support/browser.js';
import { signInToDashboard, startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';
import { describeViolations, overflowWidth, seriousViolations } from './page_checks.js';

const WIDTHS = [390, 1280] as const;

/**
 * The users list marks a blocked user in words a screen reader reads with their row ("Blocked"
 * beside the name), not by a colour alone, at a phone's width (the table shown as cards) and a
 * laptop's, without an axe-core violation (the mark's contrast included) or sideways scrolling.
 * The page tour's user is not blocked, so its visit to the list never shows the mark.
 */
describeWithBrowser('a blocked user in the users list', () => {
  let fitgate: BrowserFitgate;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    fitgate = await startBrowserFitgate({});
    const now = new Date().toISOString();
    const user = (userId: string, name: string, blocked: boolean): User => ({
      tenant: 'default',
      userId,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
      identities: [{ provider: 'fitbit', connection: 'fitbit', userId: userId.split('|')[1]!, isSocial: true, api: 'google-health', grantedScopes: ['profile'], status: 'connected' }],
      loginsCount: 3,
      lastLogin: now,
      createdAt: now,
      updatedAt: now,
      blocked,
    });
    await fitgate.store.users.create(user('fitbit|blocked-7a1c', 'Blocked Bea', true));
    await fitgate.store.users.create(user('fitbit|active-2b9d', 'Active Abe', false));
    // The bypassed CSP lets axe-core in.
    browser = await launchBrowser({ bypassCSP: true });
    page = await browser.context.newPage();
    await signInToDashboard(page, fitgate);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await fitgate?.close();
  });

  it(
    'reads "Blocked" with the blocked user\'s name only, at 390 and 1280 px, with no serious axe-core violation',
    async () => {
      await page.goto(`${fitgate.url}/manage/t/default/users`);
      const found: string[] = [];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const nameCell = (name: string) => page.getByRole('row').filter({ hasText: name }).getByRole('cell').first();
        expect((await nameCell('Blocked Bea').innerText()).replace(/\s+/g, ' ')).toContain('Blocked Bea Blocked');
        expect(await nameCell('Active Abe').innerText()).not.toContain('Blocked');
        expect(await overflowWidth(page)).toBe(0);
        found.push(...describeViolations('users', width, await seriousViolations(page)));
      }
      expect(found).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
