import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuthorizationCodeRecord } from '../../../../../src/authn/codes/authorization_code.js';
import type { LoginTransaction } from '../../../../../src/authn/login/login_transaction.js';
import type { FitbitApi } from '../../../../../src/connections/fitbit/index.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import type { Browser, BrowserResponse } from '../../../../support/authn/browser.js';

// No auto-consent: the emulator shows its consent page, whose user picker is what a hint changes.
const emulator = useEmulator();

const HINT = 'Bob@Example.com';

/** Whether the upstream hears the hint: Google takes login_hint, Fitbit's legacy page documents none. */
const HINT_REACHES: Record<FitbitApi, boolean> = { 'google-health': true, 'fitbit-legacy': false };

/** The user a person who only presses Allow signs in as: the picker's selected option, else its first. */
function pickedUser(page: BrowserResponse | undefined): string | undefined {
  const options = [...(page?.text ?? '').matchAll(/<option value="([^"]+)"( selected)?>/g)];
  return (options.find((option) => option[2]) ?? options[0])?.[1];
}

/** Presses Allow on the emulator's consent page, as it stands, and follows the answer back to the client. */
async function allow(browser: Browser, page: BrowserResponse, at: URL): Promise<URL | undefined> {
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  const transaction = /name="transaction" value="([^"]+)"/.exec(page.text)?.[1];
  if (!action || !transaction) throw new Error('no consent form on the page');
  const ticked = [...page.text.matchAll(/name="scope" value="([^"]+)" checked/g)].map((match): [string, string] => ['scope', match[1]!]);
  const response = await fetch(new URL(action, at), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['transaction', transaction], ['user', pickedUser(page) ?? ''], ...ticked, ['decision', 'approve']]),
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`the consent page answered ${response.status} without a redirect`);
  return (await browser.follow(location, CLIENT_CALLBACK)).arrivedAt;
}

describeEachStore('login_hint', (harness) => {
  describe.each(['google-health', 'fitbit-legacy'] as const)('through %s', (api) => {
    let fitgate: FrontChannel;
    beforeAll(async () => {
      // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
      // the refresh token comes with the one round these tests step through, as at a first consent.
      for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
      fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api });
    });
    afterAll(() => fitgate.close());

    it(`${HINT_REACHES[api] ? 'reaches' : 'does not reach'} the upstream, and the login transaction keeps it while the login is in flight`, async () => {
      const browser = fitgate.browser();
      const { page, hops } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', login_hint: HINT }), CLIENT_CALLBACK);
      const upstream = hops[0]!;
      expect(upstream.searchParams.get('login_hint')).toBe(HINT_REACHES[api] ? HINT : null);
      // What the upstream made of it: Google preselects the hinted account, Fitbit starts on the first.
      expect(pickedUser(page)).toBe(HINT_REACHES[api] ? 'bob' : 'alice');

      const upstreamState = upstream.searchParams.get('state') ?? '';
      const transaction = await fitgate.store.ephemeral.get<LoginTransaction>('login_transaction', upstreamState);
      expect(transaction?.loginHint).toBe(HINT);

      const arrivedAt = await allow(browser, page!, upstream);
      const code = arrivedAt?.searchParams.get('code') ?? '';
      const record = await fitgate.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
      expect(record?.userId).toBe(HINT_REACHES[api] ? 'fitbit|bob-93d0aa15' : 'fitbit|GGNJL9');
      // The login is over: the transaction is gone, and nothing after it holds the hint.
      expect(await fitgate.store.ephemeral.get('login_transaction', upstreamState)).toBeUndefined();
      expect(JSON.stringify(record)).not.toContain(HINT);
    });

    it('is carried through the Universal Login page when no connection is named', async () => {
      const browser = fitgate.browser();
      const universal = await browser.get(fitgate.authorizeUrl({ login_hint: HINT }));
      const href = /href="([^"]*connection=fitbit[^"]*)"/.exec(universal.text)?.[1]?.replace(/&amp;/g, '&');
      expect(new URL(href!, fitgate.tenantUrl).searchParams.get('login_hint')).toBe(HINT);
      const { page } = await browser.follow(new URL(href!, fitgate.tenantUrl), CLIENT_CALLBACK);
      expect(pickedUser(page)).toBe(HINT_REACHES[api] ? 'bob' : 'alice');
    });

    it('refuses a hint longer than 256 characters at the client’s redirect_uri, before going upstream', async () => {
      const response = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit', login_hint: `${'b'.repeat(245)}@example.com`, state: 'long' }));
      expect(response.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
      expect(response.location?.searchParams.get('error')).toBe('invalid_request');
      expect(response.location?.searchParams.get('error_description')).toBe('login_hint must be at most 256 characters.');
      expect(response.location?.searchParams.get('state')).toBe('long');
    });
  });
});
