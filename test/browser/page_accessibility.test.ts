import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithBrowser } from '../support/browser.js';
import { describeViolations, seriousViolations } from './page_checks.js';
import { PAGE_TOUR_TIMEOUT_MS, startTourSetting, tourEveryPage, type TourSetting } from './page_tour.js';

/**
 * axe-core on every page (dashboard, Universal Login, the emulator's consent page, fitgate's consent
 * page for third-party applications, error and signed-out pages) at phone and laptop width: no serious or critical violation. The pages' CSP
 * forbids inline scripts, so this test's browser bypasses it to inject axe; the other browser
 * tests keep it.
 */
const WIDTHS = [390, 1280] as const;

describeWithBrowser('accessibility of every page', () => {
  let tour: TourSetting;
  beforeAll(async () => {
    tour = await startTourSetting({ bypassCSP: true });
  }, PAGE_TOUR_TIMEOUT_MS);
  afterAll(() => tour?.close());

  it(
    'has no serious or critical axe-core violation on any page at 390 or 1280 px',
    async () => {
      const found: string[] = [];
      let checked = 0;
      const { page } = tour;
      await tourEveryPage(tour, async (name) => {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          found.push(...describeViolations(name, width, await seriousViolations(page)));
          checked += 1;
        }
      });
      expect(checked).toBeGreaterThanOrEqual(50);
      expect(found).toEqual([]);
    },
    PAGE_TOUR_TIMEOUT_MS,
  );

  it('finds the contrast failure the old "Continue with Fitbit" colours had (the check can fail)', async () => {
    const { page } = tour;
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>old colours</title></head><body><main>' +
        '<a href="#x" style="background:#00a0b0;color:#fff;padding:8px;display:block">Continue with Fitbit</a></main></body></html>',
    );
    const ids = (await seriousViolations(page)).map((violation) => violation.id);
    expect(ids).toContain('color-contrast');
  });
});
