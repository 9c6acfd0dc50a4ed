import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, collectPageErrors, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/**
 * The admin's whole story in Chromium: sign in by keyboard, create an application, paste the Client
 * ID and Client Secret of an OAuth client registered at the (emulated) upstream, enable the
 * connection for the application, press Try, consent upstream by clicking, and read "It works!";
 * then the same with a wrong secret, which ends on the fix. No console errors on any page.
 */
const UPSTREAM_CLIENT = {
  clientId: 'browser-story.apps.googleusercontent.com',
  clientSecret: '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789',
};

describeWithBrowser('the dashboard in a browser', () => {
  let emulator: TestEmulator;
  let fitgate: BrowserFitgate;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    emulator = await startTestEmulator();
    fitgate = await startBrowserFitgate({ FITGATE_UPSTREAM_BASE_URL: emulator.url });
    emulator.control.registerApp({
      ...UPSTREAM_CLIENT,
      type: 'server',
      api: 'google-health',
      redirectUris: [`${fitgate.url}/login/callback`],
      name: 'Step Counter (browser test)',
    });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
  }, LONG_BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await fitgate?.close();
    await emulator?.close();
  });

  const sidebar = () => page.getByRole('navigation', { name: 'Tenant default' });
  const connectionTabs = () => page.getByRole('navigation', { name: 'Fitbit connection' });

  async function openFitbitSettings(): Promise<void> {
    await sidebar().getByRole('link', { name: 'Social' }).click();
    await page.getByRole('link', { name: 'Fitbit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fitbit', exact: true }).waitFor();
  }

  async function saveCredentials(clientSecret: string): Promise<void> {
    await openFitbitSettings();
    await page.getByRole('radio', { name: 'Google Health API (recommended)' }).check();
    await page.getByLabel('Client ID').fill(UPSTREAM_CLIENT.clientId);
    await page.getByLabel('Client Secret').fill(clientSecret);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
  }

  /** Presses the settings page's Try (which saves the form first) and consents at the upstream as alice, by clicking. */
  async function tryAndConsent(): Promise<void> {
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    await page.waitForURL(`${emulator.url}/**`);
    await page.getByLabel('Sign in as test user').selectOption('alice');
    await screenshot(page, 'dashboard-05-upstream-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${fitgate.url}/manage/t/default/social/fitbit/try/result/**`);
  }

  it(
    'signs in by keyboard, sets up the connection for a new application and ends TRY on "It works!"',
    async () => {
      await page.goto(`${fitgate.url}/manage`);
      await page.waitForURL('**/manage/login**');
      await page.getByLabel('Email').focus();
      await page.keyboard.type(fitgate.admin.email);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.id')).toBe('password');
      await page.keyboard.type(fitgate.admin.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${fitgate.url}/manage/t/default`);
      await screenshot(page, 'dashboard-01-signed-in');

      await sidebar().getByRole('link', { name: 'Applications' }).click();
      await page.getByRole('link', { name: 'Create application' }).click();
      await page.getByLabel('Name').fill('Step Counter');
      await page.getByLabel('Regular web application').check();
      await page.getByRole('button', { name: 'Create' }).click();
      const clientId = (await page.locator('#client-id').textContent())?.trim() ?? '';
      expect(clientId).not.toBe('');
      await screenshot(page, 'dashboard-02-application-created');

      await saveCredentials(UPSTREAM_CLIENT.clientSecret);
      expect(await page.getByLabel('Client Secret').inputValue()).toBe('');
      await screenshot(page, 'dashboard-03-connection-saved');

      await connectionTabs().getByRole('link', { name: 'Applications' }).click();
      // A new application that signs users in is enabled on the tenant's connections (as Auth0's
      // enable_client_connections). By keyboard: Space on the toggle saves it at once, off and on.
      const toggle = page.getByRole('switch', { name: 'Step Counter' });
      expect(await toggle.isChecked()).toBe(true);
      await toggle.focus();
      await page.keyboard.press('Space');
      await page.getByText('Disabled for Step Counter.').waitFor();
      await page.keyboard.press('Space');
      await page.getByText('Enabled for Step Counter.').waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect((await fitgate.store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([clientId]);
      await screenshot(page, 'dashboard-04-enabled-for-application');

      await tryAndConsent();
      await page.getByRole('heading', { name: 'It works!' }).waitFor();
      const result = (await page.locator('main').textContent()) ?? '';
      expect(result).toContain('Alice Runner');
      expect(result).toContain('alice-4f1c2b7e');
      // Enabled for Step Counter already: the next step is signing in to it for real.
      const next = page.getByRole('link', { name: 'Next: sign in to Step Counter with Fitbit for real →' });
      expect(await next.getAttribute('href')).toBe(`/manage/t/default/applications/${clientId}`);
      await screenshot(page, 'dashboard-06-it-works');

      expect(errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'tries a secret pasted without saving it first, and shows what to fix when it is wrong',
    async () => {
      await openFitbitSettings();
      await page.getByLabel('Client Secret').fill('GOCSPX-a-secret-that-is-wrong');
      // No Save: Try saves the form itself, so it tries the secret just pasted.
      await tryAndConsent();
      await page.getByRole('heading', { name: 'Try failed' }).waitFor();
      const failure = (await page.locator('main').textContent()) ?? '';
      expect(failure).toContain('invalid_client');
      expect(failure).toContain('Client Secret was refused at the token step');
      expect(failure).toContain('paste it into Client Secret');
      expect(failure).not.toContain('GOCSPX-a-secret-that-is-wrong');
      await screenshot(page, 'dashboard-07-wrong-secret');

      // The fix's link leads to the field it is made in, on the settings page, in view.
      await page.getByRole('link', { name: "Go to the Client Secret in the connection's settings" }).click();
      await page.waitForURL(`${fitgate.url}/manage/t/default/social/fitbit#client_secret`);
      const field = await page.getByLabel('Client Secret').boundingBox();
      const viewport = page.viewportSize();
      expect(field!.y).toBeGreaterThanOrEqual(0);
      expect(field!.y + field!.height).toBeLessThanOrEqual(viewport!.height);

      expect(errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
