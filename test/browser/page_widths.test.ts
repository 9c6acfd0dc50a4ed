import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithBrowser, screenshot } from '../support/browser.js';
import { signInToDashboard } from './browser_fitgate.js';
import { overflowWidth } from './page_checks.js';
import { startTourSetting, tourEveryPage, type TourSetting } from './page_tour.js';

/**
 * Every page fits a phone (390 px) and a laptop (1280 px) without scrolling sideways, and on the
 * phone the dashboard's navigation is folded behind one control until opened. Screenshots of each
 * page at both widths land in test-artifacts/.
 */
const BROWSER_TIMEOUT_MS = 180_000;
const WIDTHS = [390, 1280] as const;

describeWithBrowser('every page at phone and laptop width', () => {
  let tour: TourSetting;
  beforeAll(async () => {
    tour = await startTourSetting();
  }, BROWSER_TIMEOUT_MS);
  afterAll(() => tour?.close());

  it(
    'folds the dashboard navigation on a phone and opens it on request',
    async () => {
      const { page, fitgate } = tour;
      await page.setViewportSize({ width: 390, height: 900 });
      await signInToDashboard(page, fitgate);
      const users = page.getByRole('navigation', { name: 'Tenant default' }).getByRole('link', { name: 'Users' });
      expect(await users.isVisible()).toBe(false);
      await page.getByText('Menu', { exact: true }).click();
      await users.waitFor({ state: 'visible' });
      await screenshot(page, 'pages-390-navigation-open');

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.reload();
      expect(await users.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/manage/login**');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows no page wider than the window at 390 and 1280 px',
    async () => {
      const tooWide: string[] = [];
      const visited: string[] = [];
      const { page } = tour;
      await tourEveryPage(tour, async (name) => {
        visited.push(name);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const overflow = await overflowWidth(page);
          if (overflow > 0) tooWide.push(`${name} at ${width} px is ${width + overflow} px wide`);
          await screenshot(page, `pages-${width}-${name}`);
        }
      });
      expect(visited.length).toBeGreaterThanOrEqual(25);
      expect(tooWide).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
