import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/** A form the server refused comes back with the focus on its first refused field (public/dashboard/dashboard.js). */

describeWithBrowser('a refused dashboard form in a browser', () => {
  const dashboard = useSignedInDashboard();

  it(
    'focuses the first refused field, where its error is read out',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/applications/new`);
      await page.getByLabel('Name').fill('Focus test');
      await page.getByLabel('Regular web application').check();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('link', { name: "Go to the application's settings" }).click();

      await page.getByLabel('Allowed Callback URLs').fill('http://app.example/callback');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('#callbacks-error').waitFor();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('callbacks');
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-describedby')")).toContain('callbacks-error');
      // The refusal itself is a 400, which the browser reports; nothing else may go wrong.
      expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'focuses the first permission when the permissions are refused, where their error is read out',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/social/fitbit`);
      for (const box of await page.locator('input[name="scope"]').all()) await box.uncheck();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('#scope-error').waitFor();
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('name')")).toBe('scope');
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-invalid')")).toBe('true');
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-describedby')")).toBe('scope-error');
      expect(await page.evaluate("document.activeElement === document.querySelector('input[name=\"scope\"]')")).toBe(true);
      expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'leaves the focus alone on a page with nothing refused',
    async () => {
      const { page, fitgate } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/applications/new`);
      expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('BODY');
    },
    BROWSER_TIMEOUT_MS,
  );
});
