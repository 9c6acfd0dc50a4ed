import { expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useExampleInBrowser } from './example_in_browser.js';

/**
 * The end user's story in Chromium, through the example application: sign in with Fitbit (consent
 * on the emulated Google page, by clicking), see Connected, Verify lists activities read with the
 * token from fitgate's Management API; the user revokes the app's access upstream, Verify now says
 * Needs re-authorization, and Reconnect (a new consent) makes it work again.
 */

describeWithBrowser('the Activity Sync example in a browser', () => {
  const example = useExampleInBrowser();

  const status = () => example.page.locator('.status');

  /** On the emulator's consent page: sign in as alice and allow everything asked. */
  async function consentAsAlice(): Promise<void> {
    await example.page.waitForURL(`${example.stack.emulator.url}/**`);
    await example.page.getByLabel('Sign in as test user').selectOption('alice');
    await example.page.getByRole('button', { name: 'Allow' }).click();
    await example.page.waitForURL(`${example.stack.exampleUrl}/connections/fitbit`);
  }

  async function verifyShowsActivities(): Promise<void> {
    await example.page.getByRole('button', { name: 'Verify' }).click();
    const rows = example.page.getByRole('table', { name: 'Recent activities' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);
    expect(await rows.first().textContent()).toMatch(/Walk|Run|Bike|Swim/);
    expect(await example.page.locator('main').textContent()).toMatch(/Heart rate: \d+ bpm/);
  }

  it(
    'connects Fitbit from Dashboard → Connections → Fitbit and shows Connected',
    async () => {
      await example.page.goto(example.stack.exampleUrl);
      await screenshot(example.page, 'example-01-dashboard');
      await example.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
      await example.page.getByRole('link', { name: 'Fitbit' }).click();
      expect(await status().textContent()).toBe('Not connected');
      await example.page.getByRole('button', { name: 'Connect' }).click();
      await screenshot(example.page, 'example-02-upstream-consent');
      await consentAsAlice();

      expect(await status().textContent()).toBe('Connected');
      expect(await example.page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Alice Runner');
      await screenshot(example.page, 'example-03-connected');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'verifies the connection by listing recent activities read with the upstream token from the Management API',
    async () => {
      const apiCallsBefore = example.stack.emulator.control.counters()['google-health'].apiCalls;
      await verifyShowsActivities();
      // The activities and the heart rate came from the upstream itself, not from fitgate.
      expect(example.stack.emulator.control.counters()['google-health'].apiCalls).toBe(apiCallsBefore + 2);
      await screenshot(example.page, 'example-04-verified');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'shows Needs re-authorization once the upstream revoked the grant, and keeps saying so',
    async () => {
      const revoked = await fetch(`${example.stack.emulator.url}/_emulator/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'alice' }),
      });
      expect(revoked.status).toBe(200);

      await example.page.getByRole('button', { name: 'Verify' }).click();
      await example.page.getByRole('button', { name: 'Reconnect' }).waitFor();
      expect(await status().textContent()).toBe('Needs re-authorization');
      expect(await example.page.locator('main').textContent()).toContain('Fitbit no longer accepts this app\'s access (Fitbit refused the access token: it was revoked or has expired)');
      expect(await example.page.getByRole('table', { name: 'Recent activities' }).count()).toBe(0);
      await screenshot(example.page, 'example-05-needs-reauthorization');

      await example.page.goto(`${example.stack.exampleUrl}/connections`);
      expect(await example.page.locator('tbody').textContent()).toContain('Needs re-authorization');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'reconnects with a new consent (prompt=consent) and verifies again',
    async () => {
      await example.page.goto(`${example.stack.exampleUrl}/connections/fitbit`);
      const consentsBefore = example.stack.emulator.control.counters()['google-health'].consentsApproved;
      const authorize = example.page.waitForRequest((request) => new URL(request.url()).pathname === '/authorize');
      await example.page.getByRole('button', { name: 'Reconnect' }).click();
      expect(new URL((await authorize).url()).searchParams.get('prompt')).toBe('consent');
      await screenshot(example.page, 'example-06-reconsent');
      await consentAsAlice();
      expect(example.stack.emulator.control.counters()['google-health'].consentsApproved).toBe(consentsBefore + 1);

      expect(await status().textContent()).toBe('Connected');
      await verifyShowsActivities();
      await screenshot(example.page, 'example-07-reconnected');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'exchanged client credentials once per scope set over the whole story: the seed, then the example\'s account and token readers, which it cached',
    async () => {
      const exchanges = await example.stack.fitgate.store.logs.list('default', { type: 'seccft', page: 0, perPage: 100 });
      expect(exchanges.items).toHaveLength(3);
    },
  );
});
