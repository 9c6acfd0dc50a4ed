import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * On the Fitbit settings, choosing the other API shows that API's hints at once, before saving
 * (public/dashboard/dashboard.js), and the connections list offers TRY next to the Fitbit mark.
 */

describeWithBrowser('the Fitbit settings in a browser', () => {
  const dashboard = useSignedInDashboard();

  it(
    'switches the hints between Google Health and legacy Fitbit without saving',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/social/fitbit`);
      const googleSteps = page.getByRole('heading', { name: 'For the Google Health API' });
      const legacySteps = page.getByRole('heading', { name: 'For the legacy Fitbit Web API' });
      const legacyWarning = page.getByText('Fitbit turned the legacy Web API off on 2026-11-02.');
      // Said of the areas with no Google Health scope: true of Google Health only.
      const notRequested = page.getByText(/not requested with the Google Health API/);
      await googleSteps.waitFor();
      expect(await legacySteps.isVisible()).toBe(false);
      expect(await legacyWarning.isVisible()).toBe(false);
      expect(await notRequested.isVisible()).toBe(true);

      await page.getByRole('radio', { name: 'Legacy Fitbit Web API' }).check();
      await legacySteps.waitFor();
      expect(await legacyWarning.isVisible()).toBe(true);
      expect(await googleSteps.isVisible()).toBe(false);
      expect(await notRequested.isVisible()).toBe(false);
      expect(await page.getByText('The OAuth 2.0 Client ID of your app at dev.fitbit.com').isVisible()).toBe(true);
      await screenshot(page, 'connection-hints-legacy');

      await page.getByRole('radio', { name: 'Google Health API (recommended)' }).check();
      await googleSteps.waitFor();
      expect(await legacySteps.isVisible()).toBe(false);
      expect(page.url()).toBe(`${fitgate.url}/manage/t/default/social/fitbit`);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'starts TRY from the connections list, where the sandbox connection shows its mark and status',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/social`);
      expect(await page.locator('.connection-card svg.connection-mark').count()).toBe(1);
      await page.getByText('Sandbox', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Try Fitbit' }).click();
      await page.getByLabel('Sign in as test user').waitFor();
      expect(new URL(page.url()).pathname).toContain('/_sandbox/');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
