import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import type { ExampleStack } from './example_stack.js';
import { useExampleInBrowser } from './example_in_browser.js';

/**
 * The example names the setting to fix when one of its secrets is wrong: fitgate's invalid_client at
 * the code exchange (which the SDK alone reports as OAUTH_WWW_AUTHENTICATE_CHALLENGE), and the
 * Management API credentials refused, shown as the status rather than "Not connected" and Connect.
 */
async function signInThroughConsent(page: Page, stack: ExampleStack, login: string): Promise<void> {
  await page.goto(`${stack.exampleUrl}/connections/fitbit`);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForURL(`${stack.emulator.url}/**`);
  await page.getByLabel('Sign in as test user').selectOption(login);
  await page.getByRole('button', { name: 'Allow' }).click();
}

describeWithBrowser('the example started with a wrong CLIENT_SECRET', () => {
  const example = useExampleInBrowser(() => ({ wrongSecret: 'CLIENT_SECRET' }));

  it(
    "shows fitgate's invalid_client and names CLIENT_SECRET",
    async () => {
      await signInThroughConsent(example.page, example.stack, 'alice');
      await example.page.getByRole('heading', { name: 'Authorization failed' }).waitFor();
      const text = (await example.page.locator('main').textContent()) ?? '';
      expect(text).toContain('fitgate refused the client secret (invalid_client): check CLIENT_SECRET.');
      expect(text).toContain("Details: invalid_client: client authentication failed (fitgate's token endpoint answered 401)");
      expect(text).not.toContain('OAUTH_WWW_AUTHENTICATE_CHALLENGE');
      await screenshot(example.page, 'example-misconfigured-01-client-secret');
      expect(example.errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});

describeWithBrowser('the example started with a wrong MANAGEMENT_CLIENT_SECRET', () => {
  const example = useExampleInBrowser(() => ({ wrongSecret: 'MANAGEMENT_CLIENT_SECRET' }));

  it(
    'says the Management API credentials were refused instead of "Not connected", with no Connect button',
    async () => {
      await signInThroughConsent(example.page, example.stack, 'bob');
      await example.page.waitForURL(`${example.stack.exampleUrl}/connections/fitbit`);
      expect(await example.page.locator('.status').textContent()).toBe('Unknown: Management API credentials refused');
      expect(await example.page.locator('main').textContent()).toContain('check MANAGEMENT_CLIENT_ID and MANAGEMENT_CLIENT_SECRET');
      expect(await example.page.getByRole('button', { name: 'Connect' }).count()).toBe(0);

      await example.page.goto(example.stack.exampleUrl);
      expect(await example.page.locator('.status').textContent()).toBe('Unknown: Management API credentials refused');
      await screenshot(example.page, 'example-misconfigured-02-management-secret');
      expect(example.errors.filter((error) => !error.includes('status of 502'))).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
