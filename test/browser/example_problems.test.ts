import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { collectPageErrors, describeWithBrowser, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { GOOGLE_HEALTH } from '../support/emulator.js';
import { startExampleStack, type ExampleStack } from './example_stack.js';

/**
 * The problems our help text lists, as the example application shows them: a sign-in refused at
 * the consent page (fitgate's error and error_description on a readable page), heart rate missing
 * because its permission was unticked (the upstream's 403, with Reconnect offered), Disconnect,
 * which unlinks through the Management API, revokes the grant upstream and signs the user out, and
 * an identity fitgate itself marked needs_reauthorization (its Management API answers 409).
 */
const BROWSER_TIMEOUT_MS = 90_000;
const HEART_RATE_SCOPE = `${GOOGLE_HEALTH}health_metrics_and_measurements.readonly`;

describeWithBrowser('problems the Activity Sync example explains', () => {
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

  const main = async () => (await page.locator('main').textContent()) ?? '';

  async function connectAs(login: string): Promise<void> {
    await page.goto(`${stack.exampleUrl}/connections/fitbit`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL(`${stack.emulator.url}/**`);
    await page.getByLabel('Sign in as test user').selectOption(login);
  }

  it(
    'explains a refused sign-in with the error and error_description fitgate returned',
    async () => {
      await connectAs('carol');
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByRole('heading', { name: 'Authorization failed' }).waitFor();

      const text = await main();
      expect(text).toContain('Access was not granted');
      expect(text).toMatch(/Details: access_denied: \S/);
      expect(page.url()).toMatch(new RegExp(`^${stack.exampleUrl}/callback\\?`));
      await screenshot(page, 'example-problem-01-authorization-failed');
      // A refused navigation shows as a 400 in the console; nothing else may go wrong on the page.
      expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
      errors.length = 0;
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'lists activities but says heart rate is missing when its permission was unticked, offering Reconnect',
    async () => {
      await connectAs('bob');
      await page.getByLabel(HEART_RATE_SCOPE).uncheck();
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${stack.exampleUrl}/connections/fitbit`);

      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('table', { name: 'Recent activities' }).waitFor();
      const text = await main();
      expect(text).toContain('Heart rate is missing because the heart rate permission was not granted');
      expect(text).not.toMatch(/Heart rate: \d+ bpm/);
      expect(await page.locator('.status').textContent()).toBe('Connected');
      await page.getByRole('button', { name: 'Reconnect' }).waitFor();
      await screenshot(page, 'example-problem-02-heart-rate-missing');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'disconnects by unlinking the identity through the Management API and signing out',
    async () => {
      const user = (await stack.fitgate.store.users.list('default', { page: 0, perPage: 10 })).items.find((candidate) => candidate.name === 'Bob Walker');
      expect(user?.identities).toHaveLength(1);
      const revocationsBefore = stack.emulator.control.counters()['google-health'].revocations;

      await page.getByRole('button', { name: 'Disconnect' }).click();
      await page.waitForURL(`${stack.exampleUrl}/?disconnected=1`);
      expect(await main()).toContain('Fitbit is disconnected and you are signed out.');
      expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Sign out');

      expect((await stack.fitgate.store.users.get('default', user!.userId))?.identities).toEqual([]);
      expect(stack.emulator.control.counters()['google-health'].revocations).toBe(revocationsBefore + 1);
      await screenshot(page, 'example-problem-03-disconnected');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'shows Needs re-authorization with fitgate\'s reason when fitgate can no longer refresh the token',
    async () => {
      await connectAs('alice');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${stack.exampleUrl}/connections/fitbit`);
      expect(await page.locator('.status').textContent()).toBe('Connected');

      // The grant is revoked upstream and the stored access token is about to expire, so fitgate's
      // next read refreshes, is refused, and marks the identity.
      const user = (await stack.fitgate.store.users.list('default', { page: 0, perPage: 10 })).items.find((candidate) => candidate.name === 'Alice Runner')!;
      const identity = user.identities[0]!;
      await stack.fitgate.store.users.update({ ...user, identities: [{ ...identity, tokens: { ...identity.tokens!, expiresAt: Date.now() + 30_000 } }] });
      stack.emulator.control.revokeUserGrants('alice');

      await page.reload();
      expect(await page.locator('.status').textContent()).toBe('Needs re-authorization');
      expect(await main()).toMatch(/Fitbit no longer accepts this app's access \(.*needs reauthorization.*\)/);
      await page.getByRole('button', { name: 'Reconnect' }).waitFor();
      expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
      await screenshot(page, 'example-problem-04-fitgate-needs-reauthorization');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
