import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * A page that opens with a message (a save confirmed after the redirect, a refused sign-in) puts the
 * focus on it, so a screen reader reads it first (public/dashboard/dashboard.js): a live region
 * already there when a page loads is not announced.
 */

const focused = "document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim())";

describeWithBrowser('the focus on a message a page opens with', () => {
  const dashboard = useSignedInDashboard();

  it(
    'focuses "Settings saved." after the connection settings are saved',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/social/fitbit`);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Settings saved.').waitFor();
      expect(await page.evaluate(focused)).toBe('Settings saved.');
      expect(await page.evaluate("document.activeElement.getAttribute('tabindex')")).toBe('-1');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'says the sandbox as a note, not as a status to announce, and focuses the result of a Try',
    async () => {
      const { page, fitgate } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/social/fitbit`);
      await page.getByRole('button', { name: 'Try', exact: true }).click();
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL('**/social/fitbit/try/result/**');
      expect(await page.locator('.sandbox-banner').getAttribute('role')).toBe('note');
      // "It works!" is the message the page opens with.
      expect(await page.evaluate(focused)).toContain('signed in');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'focuses the password after a refused sign-in, marked invalid and described by the error',
    async () => {
      const { page, fitgate } = dashboard;
      await page.goto(`${fitgate.url}/manage/account`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/manage/login**');
      // Signed out: the confirmation is where the focus is.
      expect(await page.evaluate(focused)).toContain('You are signed out.');

      await page.getByLabel('Email').fill(fitgate.admin.email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#sign-in-error').waitFor();
      expect(await page.evaluate(focused)).toBe('password');
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Password').getAttribute('aria-describedby')).toBe('sign-in-error');
    },
    BROWSER_TIMEOUT_MS,
  );
});
