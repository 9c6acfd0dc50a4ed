import { expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useExampleInBrowser } from './example_in_browser.js';

/**
 * The same example against a connection still on the legacy Fitbit Web API: Verify reads the
 * activity log list and the day's heart rate from api.fitbit.com (emulated) with the legacy token.
 */
describeWithBrowser('the Activity Sync example on a legacy Fitbit connection', () => {
  const example = useExampleInBrowser(() => ({ api: 'fitbit-legacy' }));

  it(
    'connects through Fitbit\'s own consent page and verifies with the legacy activity log and heart rate',
    async () => {
      const { page, stack } = example;
      await page.goto(`${stack.exampleUrl}/connections/fitbit`);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.waitForURL(`${stack.emulator.url}/www.fitbit.com/**`);
      await page.getByLabel('Sign in as test user').selectOption('bob');
      await page.getByRole('button', { name: 'Allow' }).click();
      // Fitbit ends its redirect with #_=_, and browsers carry a fragment through later redirects.
      await page.waitForURL(`${stack.exampleUrl}/connections/fitbit#_=_`);
      expect(await page.locator('.status').textContent()).toBe('Connected');

      const callsBefore = stack.emulator.control.counters()['fitbit-legacy'].apiCalls;
      await page.getByRole('button', { name: 'Verify' }).click();
      const rows = page.getByRole('table', { name: 'Recent activities' }).locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(10);
      expect(await rows.first().textContent()).toMatch(/^(Walk|Run|Bike|Swim)\d{4}-\d\d-\d\d \d\d:\d\d UTC\d+/);
      expect(await page.locator('main').textContent()).toMatch(/Heart rate: \d+ bpm/);
      expect(stack.emulator.control.counters()['fitbit-legacy'].apiCalls).toBe(callsBefore + 2);
      await screenshot(page, 'example-legacy-verified');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
