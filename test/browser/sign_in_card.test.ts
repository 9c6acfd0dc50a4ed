import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, launchBrowser, type TestBrowser } from '../support/browser.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/** The narrow pages (sign-in, set-password) are a card as tall as their form, not as the window. */

describeWithBrowser('the sign-in card', () => {
  let fitgate: BrowserFitgate;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    fitgate = await startBrowserFitgate({});
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await fitgate?.close();
  });

  it(
    'ends a little below its button on a tall window',
    async () => {
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.goto(`${fitgate.url}/manage/login`);
      const card = await page.locator('main.narrow').boundingBox();
      const button = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
      expect(card && button).toBeTruthy();
      const below = card!.y + card!.height - (button!.y + button!.height);
      expect(below).toBeGreaterThan(0);
      expect(below).toBeLessThan(100);
    },
    BROWSER_TIMEOUT_MS,
  );
});
