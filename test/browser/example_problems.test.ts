import { expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { scopeInWords } from '../../src/emulator/authorize/wording.js';
import { GOOGLE_HEALTH } from '../support/emulator.js';
import { useExampleInBrowser } from './example_in_browser.js';

/**
 * The problems our help text lists, as the example application shows them: a sign-in refused at
 * the consent page (fitgate's error and error_description on a readable page), heart rate missing
 * because its permission was unticked (the upstream's 403, with Reconnect offered), Disconnect,
 * which unlinks through the Management API, revokes the grant upstream and signs the user out, and
 * an identity fitgate itself marked needs_reauthorization (the user read with read:user_idp_tokens
 * answers 200, that identity with its status and no token).
 */
// The consent page names it in words, as Google's does.
const HEART_RATE_PERMISSION = scopeInWords('google-health', `${GOOGLE_HEALTH}health_metrics_and_measurements.readonly`);

describeWithBrowser('problems the Activity Sync example explains', () => {
  const example = useExampleInBrowser();

  const main = async () => (await example.page.locator('main').textContent()) ?? '';

  async function connectAs(login: string): Promise<void> {
    await example.page.goto(`${example.stack.exampleUrl}/connections/fitbit`);
    await example.page.getByRole('button', { name: 'Connect' }).click();
    await example.page.waitForURL(`${example.stack.emulator.url}/**`);
    await example.page.getByLabel('Sign in as test user').selectOption(login);
  }

  it(
    'explains a refused sign-in with the error and error_description fitgate returned',
    async () => {
      await connectAs('carol');
      await example.page.getByRole('button', { name: 'Deny' }).click();
      await example.page.getByRole('heading', { name: 'Authorization failed' }).waitFor();

      const text = await main();
      expect(text).toContain('Access was not granted');
      expect(text).toMatch(/Details: access_denied: \S/);
      expect(example.page.url()).toMatch(new RegExp(`^${example.stack.exampleUrl}/callback\\?`));
      await screenshot(example.page, 'example-problem-01-authorization-failed');
      // A refused navigation shows as a 400 in the console; nothing else may go wrong on the example.page.
      expect(example.errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
      example.errors.length = 0;
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'lists activities but says heart rate is missing when its permission was unticked, offering Reconnect',
    async () => {
      await connectAs('bob');
      await example.page.getByLabel(HEART_RATE_PERMISSION).uncheck();
      await example.page.getByRole('button', { name: 'Allow' }).click();
      await example.page.waitForURL(`${example.stack.exampleUrl}/connections/fitbit`);

      await example.page.getByRole('button', { name: 'Verify' }).click();
      await example.page.getByRole('table', { name: 'Recent activities' }).waitFor();
      const text = await main();
      expect(text).toContain('Heart rate is missing because the heart rate permission was not granted');
      expect(text).not.toMatch(/Heart rate: \d+ bpm/);
      expect(await example.page.locator('.status').textContent()).toBe('Connected');
      await example.page.getByRole('button', { name: 'Reconnect' }).waitFor();
      await screenshot(example.page, 'example-problem-02-heart-rate-missing');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'disconnects by unlinking the identity through the Management API and signing out',
    async () => {
      const user = (await example.stack.fitgate.store.users.list('default', { page: 0, perPage: 10 })).items.find((candidate) => candidate.name === 'Bob Walker');
      expect(user?.identities).toHaveLength(1);
      const revocationsBefore = example.stack.emulator.control.counters()['google-health'].revocations;

      await example.page.getByRole('button', { name: 'Disconnect' }).click();
      await example.page.waitForURL(`${example.stack.exampleUrl}/?disconnected=1`);
      expect(await main()).toContain('Fitbit is disconnected and you are signed out.');
      expect(await example.page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Sign out');

      // fitgate keeps a user's only identity after an unlink, without tokens, so the account can log in again.
      const [identity] = (await example.stack.fitgate.store.users.get('default', user!.userId))!.identities;
      expect(identity).toMatchObject({ status: 'needs_reauthorization', statusReason: 'unlinked' });
      expect(identity!.tokens).toBeUndefined();
      expect(example.stack.emulator.control.counters()['google-health'].revocations).toBe(revocationsBefore + 1);
      await screenshot(example.page, 'example-problem-03-disconnected');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'shows Needs re-authorization with fitgate\'s reason when fitgate can no longer refresh the token',
    async () => {
      await connectAs('alice');
      await example.page.getByRole('button', { name: 'Allow' }).click();
      await example.page.waitForURL(`${example.stack.exampleUrl}/connections/fitbit`);
      expect(await example.page.locator('.status').textContent()).toBe('Connected');

      // The grant is revoked upstream and the stored access token is about to expire, so fitgate's
      // next read refreshes, is refused, and marks the identity.
      const user = (await example.stack.fitgate.store.users.list('default', { page: 0, perPage: 10 })).items.find((candidate) => candidate.name === 'Alice Runner')!;
      const identity = user.identities[0]!;
      await example.stack.fitgate.store.users.update({ ...user, identities: [{ ...identity, tokens: { ...identity.tokens!, expiresAt: Date.now() + 30_000 } }] });
      example.stack.emulator.control.revokeUserGrants('alice');

      await example.page.getByRole('button', { name: 'Verify' }).click();
      await example.page.getByRole('button', { name: 'Reconnect' }).waitFor();
      expect(await example.page.locator('.status').textContent()).toBe('Needs re-authorization');
      expect(await main()).toContain("Fitbit no longer accepts this app's access (Fitbit refused to renew it: access was revoked or has expired)");
      expect(await example.page.getByRole('button', { name: 'Verify' }).count()).toBe(0);

      // fitgate keeps the status: a fresh page load reads it from the identity, with its reason in words.
      await example.page.reload();
      expect(await example.page.locator('.status').textContent()).toBe('Needs re-authorization');
      expect(await main()).toContain('Fitbit refused to renew it: access was revoked or has expired');
      await screenshot(example.page, 'example-problem-04-fitgate-needs-reauthorization');
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
