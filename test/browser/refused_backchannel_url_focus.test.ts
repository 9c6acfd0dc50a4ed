import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * A Back-Channel Logout URL the server refused comes back as every refused field does: focused, with
 * its error read out as its description, and what was typed still in it.
 */

describeWithBrowser('a refused Back-Channel Logout URL in a browser', () => {
  const dashboard = useSignedInDashboard();

  it(
    'focuses the field, describes it by the error and keeps the URL typed',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/applications/new`);
      await page.getByLabel('Name').fill('Back-channel focus');
      await page.getByLabel('Single page application').check();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('link', { name: "Go to the application's settings" }).click();

      await page.getByLabel('Back-Channel Logout URL').fill('http://app.localhost:4000/backchannel-logout');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('#backchannel_logout_urls-error').waitFor();

      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('backchannel_logout_urls');
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-describedby')")).toContain('backchannel_logout_urls-error');
      expect(await page.getByLabel('Back-Channel Logout URL').inputValue()).toBe('http://app.localhost:4000/backchannel-logout');
      expect(await page.locator('#backchannel_logout_urls-error').textContent()).toContain('must use https (fitgate calls this URL itself');
      // The refusal itself is a 400, which the browser reports; nothing else may go wrong.
      expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
