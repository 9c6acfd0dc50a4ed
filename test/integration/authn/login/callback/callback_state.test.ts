import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

const exchanges = (): number => emulator().control.counters()['google-health'].codeExchanges;

describeEachStore('/login/callback state', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** Starts a login and lets the upstream approve it; returns the callback URL the upstream sent back. */
  async function upstreamApproved(browser: Browser): Promise<URL> {
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const back = await browser.get(toUpstream.location!);
    expect(back.location?.pathname).toBe('/login/callback');
    return back.location!;
  }

  let before: number;
  beforeEach(() => {
    before = exchanges();
  });

  it('refuses a callback without state with a page, before any code exchange', async () => {
    const browser = fitgate.browser();
    const callback = await upstreamApproved(browser);
    callback.searchParams.delete('state');
    const response = await browser.get(callback);
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain('log in again');
    expect(exchanges()).toBe(before);
  });

  it('refuses a callback with a state no login started, before any code exchange', async () => {
    const browser = fitgate.browser();
    const callback = await upstreamApproved(browser);
    callback.searchParams.set('state', 'A'.repeat(43));
    const response = await browser.get(callback);
    expect(response.status).toBe(400);
    expect(exchanges()).toBe(before);
  });

  it('refuses a reused state, before a second code exchange', async () => {
    const browser = fitgate.browser();
    const callback = await upstreamApproved(browser);
    expect((await browser.get(callback)).status).toBe(302);
    expect(exchanges()).toBe(before + 1);
    const replay = await browser.get(callback);
    expect(replay.status).toBe(400);
    expect(exchanges()).toBe(before + 1);
  });

  it('refuses a callback carried to another browser than the one that started the login', async () => {
    const callback = await upstreamApproved(fitgate.browser());
    const response = await fitgate.browser().get(callback);
    expect(response.status).toBe(400);
    expect(exchanges()).toBe(before);
  });

  it('records the refusal as a failed login event', async () => {
    const browser = fitgate.browser();
    const callback = await upstreamApproved(browser);
    callback.searchParams.set('state', 'B'.repeat(43));
    await browser.get(callback);
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'f' });
    expect(items[0]?.description).toContain('expired, was already used, or was started in another browser');
    expect(JSON.stringify(items[0])).not.toContain('B'.repeat(43));
  });

  it('refuses an expired login transaction', async () => {
    const browser = fitgate.browser();
    const callback = await upstreamApproved(browser);
    // What the store's TTL does after ten minutes: the transaction is gone.
    await fitgate.store.ephemeral.delete('login_transaction', callback.searchParams.get('state')!);
    const response = await browser.get(callback);
    expect(response.status).toBe(400);
    expect(exchanges()).toBe(before);
  });
});
