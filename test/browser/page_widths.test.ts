import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithBrowser, screenshot } from '../support/browser.js';
import { signInToDashboard } from './browser_fitgate.js';
import { overflowWidth, wrappedHeaders, wrappedStatuses } from './page_checks.js';
import { PAGE_TOUR_TIMEOUT_MS, startTourSetting, tourEveryPage, type TourSetting } from './page_tour.js';

/**
 * Every page fits a phone (390 px), a tablet (768 and 1024 px, where the sidebar leaves a table the
 * least room) and a laptop (1280 px) without scrolling sideways; no table squeezes a header or a
 * status word onto several lines; and on the phone the dashboard's navigation is folded behind one
 * control until opened. Screenshots of each page at each width land in test-artifacts/.
 */
const WIDTHS = [390, 768, 1024, 1280] as const;

describeWithBrowser('every page from phone to laptop width', () => {
  let tour: TourSetting;
  beforeAll(async () => {
    tour = await startTourSetting();
  }, PAGE_TOUR_TIMEOUT_MS);
  afterAll(() => tour?.close());

  it(
    'folds the dashboard navigation on a phone and opens it on request',
    async () => {
      const { page, fitgate } = tour;
      await page.setViewportSize({ width: 390, height: 900 });
      await signInToDashboard(page, fitgate);
      const users = page.getByRole('navigation', { name: 'Tenant default' }).getByRole('link', { name: 'Users' });
      expect(await users.isVisible()).toBe(false);
      // The top bar is one row (brand only): the account is in the Menu, and the switcher too (here
      // there is none, the admin managing one tenant).
      const topbar = await page.locator('header.topbar').boundingBox();
      expect(topbar?.height).toBeLessThan(64);
      const signOut = page.getByRole('button', { name: 'Sign out' });
      expect(await signOut.isVisible()).toBe(false);
      expect(await page.locator('select[name="tenant"]').count()).toBe(0);
      await page.getByText('Menu', { exact: true }).click();
      await users.waitFor({ state: 'visible' });
      expect(await signOut.isVisible()).toBe(true);
      await screenshot(page, 'pages-390-navigation-open');

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.reload();
      expect(await users.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/manage/login**');
    },
    PAGE_TOUR_TIMEOUT_MS,
  );

  it(
    'shows no page wider than the window, and no table header or status split over lines, at 390 to 1280 px',
    async () => {
      const tooWide: string[] = [];
      const wrapped: string[] = [];
      const visited: string[] = [];
      let statusesSeen = 0;
      const { page } = tour;
      await tourEveryPage(tour, async (name) => {
        visited.push(name);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const overflow = await overflowWidth(page);
          if (overflow > 0) tooWide.push(`${name} at ${width} px is ${width + overflow} px wide`);
          if (width === 768 || width === 1024) {
            for (const header of await wrappedHeaders(page)) wrapped.push(`${name} at ${width} px: header "${header}"`);
            for (const status of await wrappedStatuses(page)) wrapped.push(`${name} at ${width} px: status "${status}"`);
            statusesSeen += await page.locator('main td .status-connected').count();
          }
          await screenshot(page, `pages-${width}-${name}`);
        }
      });
      expect(visited.length).toBeGreaterThanOrEqual(25);
      // The user's page shows an identity "connected" at both tablet widths: the check had a status to look at.
      expect(statusesSeen).toBeGreaterThanOrEqual(2);
      expect(tooWide).toEqual([]);
      expect(wrapped).toEqual([]);
    },
    PAGE_TOUR_TIMEOUT_MS,
  );
});
