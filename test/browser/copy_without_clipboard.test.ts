import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * A Copy button where the clipboard API is missing (a page over plain http on a host other than
 * localhost is not a secure context) selects the text and says how to copy it by hand, instead of
 * doing nothing (public/dashboard/dashboard.js).
 */

describeWithBrowser('a Copy button without the clipboard API', () => {
  const dashboard = useSignedInDashboard();

  it(
    'is shown by the script, selects the text and says to press Ctrl+C',
    async () => {
      const { page: signedIn, fitgate } = dashboard;
      const page = await signedIn.context().newPage();
      // As in an insecure context: no navigator.clipboard, and the old copy command refused too.
      // A string: the tests' types know no DOM.
      await page.addInitScript(`
        Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
        document.execCommand = () => false;
      `);
      try {
        await page.goto(`${fitgate.url}/manage/t/default`);
        const copy = page.getByRole('button', { name: 'Copy callback URL' });
        expect(await copy.isVisible()).toBe(true);
        await copy.click();
        await page.locator('#callback-url-status').getByText('Selected: press Ctrl+C (⌘C) to copy').waitFor();
        const selected = (await page.evaluate('String(document.getSelection())')) as string;
        expect(selected.trim()).toBe((await page.locator('#callback-url').textContent())?.trim());
        expect(selected).toContain('/login/callback');
      } finally {
        await page.close();
      }
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'is not shown without JavaScript, where it could do nothing',
    async () => {
      const { page: signedIn, fitgate } = dashboard;
      const page = await signedIn.context().newPage();
      try {
        // The stylesheet and markup as without the script: the page is read with dashboard.js blocked.
        await page.route('**/static/dashboard/dashboard.js', (route) => route.abort());
        await page.goto(`${fitgate.url}/manage/t/default`);
        await page.locator('#callback-url').waitFor();
        expect(await page.locator('[data-copy-target="callback-url"]').isVisible()).toBe(false);
      } finally {
        await page.close();
      }
    },
    BROWSER_TIMEOUT_MS,
  );
});
