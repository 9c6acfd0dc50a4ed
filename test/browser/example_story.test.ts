import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { collectPageErrors, describeWithBrowser, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { startExampleStack, type ExampleStack } from './example_stack.js';

/**
 * The end user's story in Chromium, through the example application: sign in with Fitbit (consent
 * on the emulated Google page, by clicking), see Connected, Verify lists activities read with the
 * token from fitgate's Management API; the user revokes the app's access upstream, Verify now says
 * Needs re-authorization, and Reconnect (a new consent) makes it work again.
 */
const BROWSER_TIMEOUT_MS = 90_000;

describeWithBrowser('the Activity Sync example in a browser', () => {
  let stack: ExampleStack;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stack = await startExampleStack();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const status = () => page.locator('.status');

  /** On the emulator's consent page: sign in as alice and allow everything asked. */
  async function consentAsAlice(): Promise<void> {
    await page.waitForURL(`${stack.emulator.url}/**`);
    await page.getByLabel('Sign in as test user').selectOption('alice');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${stack.exampleUrl}/connections/fitbit`);
  }

  async function verifyShowsActivities(): Promise<void> {
    await page.getByRole('button', { name: 'Verify' }).click();
    const rows = page.getByRole('table', { name: 'Recent activities' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);
    expect(await rows.first().textContent()).toMatch(/Walk|Run|Bike|Swim/);
    expect(await page.locator('main').textContent()).toMatch(/Heart rate: \d+ bpm/);
  }

  it(
    'connects Fitbit from Dashboard → Connections → Fitbit and shows Connected',
    async () => {
      await page.goto(stack.exampleUrl);
      await screenshot(page, 'example-01-dashboard');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
      await page.getByRole('link', { name: 'Fitbit' }).click();
      expect(await status().textContent()).toBe('Not connected');
      await page.getByRole('button', { name: 'Connect' }).click();
      await screenshot(page, 'example-02-upstream-consent');
      await consentAsAlice();

      expect(await status().textContent()).toBe('Connected');
      expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Alice Runner');
      await screenshot(page, 'example-03-connected');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'verifies the connection by listing recent activities read with the upstream token from the Management API',
    async () => {
      const apiCallsBefore = stack.emulator.control.counters()['google-health'].apiCalls;
      await verifyShowsActivities();
      // The activities and the heart rate came from the upstream itself, not from fitgate.
      expect(stack.emulator.control.counters()['google-health'].apiCalls).toBe(apiCallsBefore + 2);
      await screenshot(page, 'example-04-verified');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows Needs re-authorization once the upstream revoked the grant, and keeps saying so',
    async () => {
      const revoked = await fetch(`${stack.emulator.url}/_emulator/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'alice' }),
      });
      expect(revoked.status).toBe(200);

      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('button', { name: 'Reconnect' }).waitFor();
      expect(await status().textContent()).toBe('Needs re-authorization');
      expect(await page.locator('main').textContent()).toContain('Fitbit no longer accepts this app');
      expect(await page.getByRole('table', { name: 'Recent activities' }).count()).toBe(0);
      await screenshot(page, 'example-05-needs-reauthorization');

      await page.goto(`${stack.exampleUrl}/connections`);
      expect(await page.locator('tbody').textContent()).toContain('Needs re-authorization');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'reconnects with a new consent (prompt=consent) and verifies again',
    async () => {
      await page.goto(`${stack.exampleUrl}/connections/fitbit`);
      const consentsBefore = stack.emulator.control.counters()['google-health'].consentsApproved;
      const authorize = page.waitForRequest((request) => new URL(request.url()).pathname === '/authorize');
      await page.getByRole('button', { name: 'Reconnect' }).click();
      expect(new URL((await authorize).url()).searchParams.get('prompt')).toBe('consent');
      await screenshot(page, 'example-06-reconsent');
      await consentAsAlice();
      expect(stack.emulator.control.counters()['google-health'].consentsApproved).toBe(consentsBefore + 1);

      expect(await status().textContent()).toBe('Connected');
      await verifyShowsActivities();
      await screenshot(page, 'example-07-reconnected');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'exchanged client credentials twice over the whole story: once for the seed, once for the example, which cached its Management API token',
    async () => {
      const exchanges = await stack.fitgate.store.logs.list('default', { type: 'seccft', page: 0, perPage: 100 });
      expect(exchanges.items).toHaveLength(2);
    },
  );
});
