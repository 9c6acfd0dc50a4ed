import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../../../src/metrics/prometheus_metrics.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { approveUrl, DEMO, googleLogin } from '../../../../support/emulator.js';
import { describeEachStore } from '../../../../support/stores.js';
import { parseExposition } from '../../../metrics/scrape.js';

// No automatic consent: each Google page is answered by the test, as the person would.
const emulator = useEmulator();

/** Carol's fitgate user, as the emulator seeds her Google Health id. */
const CAROL = 'fitbit|carol-0b7e61d2';

const exchanges = (): number => emulator().control.counters()['google-health'].codeExchanges;
/** Where the page's "Return to" link leads; undefined when it has none. */
const returnLink = (html: string) => /<a [^>]*href="([^"]*)"[^>]*>Return to /.exec(html)?.[1]?.replaceAll('&amp;', '&');

/**
 * A login sent back to Google for a refresh token (sent_back_for_refresh_token.test.ts) puts a
 * second Google page in the browser's history. The person who presses Back there reaches the first
 * round again: its callback URL, or Google's first page, which sends the first round's state back
 * once more. That state is used up. Its callback is not a failed login to the person: the page says
 * the login carries on at Google and offers the way back to the application, the second round stays
 * theirs to finish, and the login is counted as a failure no more than once.
 */
describeEachStore('/login/callback of the round a login was sent back from', (harness) => {
  let fitgate: FrontChannel;
  let metrics: PrometheusMetrics;

  beforeAll(async () => {
    metrics = createPrometheusMetrics();
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, metrics });
  });
  afterAll(() => fitgate.close());
  // Each test starts with carol new to fitgate (so that her login is sent back), at an emulator reset after the last.
  afterEach(async () => {
    emulator().control.addRedirectUri(DEMO.googleServer.clientId, `${fitgate.tenantUrl}/login/callback`);
    await fitgate.store.users.delete(fitgate.tenant, CAROL);
  });

  /** This tenant's fitgate_logins_total of `outcome`. */
  async function logins(outcome: 'success' | 'failure'): Promise<{ total: number; causes: string[] }> {
    const series = parseExposition(await metrics.registry.metrics()).filter(
      ({ name, labels }) => name === 'fitgate_logins_total' && labels.tenant === fitgate.tenant && labels.outcome === outcome && labels.connection !== undefined,
    );
    return { total: series.reduce((sum, { value }) => sum + value, 0), causes: series.filter(({ value }) => value > 0).map(({ labels }) => labels.cause ?? '') };
  }

  /**
   * Carol, who consented to the Google client before, starts a login and allows Google's first page:
   * fitgate sends her back to Google. The URLs of both Google pages and of the first round's callback.
   */
  async function sentBack(browser: Browser) {
    await googleLogin(emulator().url, { user: 'carol' });
    const firstPage = (await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }))).location!;
    const firstCallback = (await browser.get(approveUrl(firstPage.href, { user: 'carol' }))).location!;
    expect(firstCallback.pathname).toBe('/login/callback');
    const secondPage = (await browser.get(firstCallback)).location!;
    expect(secondPage.searchParams.get('prompt')).toBe('consent');
    return { firstPage, firstCallback, secondPage };
  }

  it('answers the first round’s callback, come again, with a page that the login carries on at Google, and lets the second round finish it', async () => {
    const browser = fitgate.browser();
    const { firstCallback, secondPage } = await sentBack(browser);
    const before = { exchanges: exchanges(), failures: await logins('failure'), successes: await logins('success') };

    const replay = await browser.get(firstCallback);

    expect(replay.status).toBe(400);
    expect(replay.location).toBeUndefined();
    expect(replay.text).toContain('This login continues at Google');
    expect(replay.text).toContain('nothing went wrong');
    expect(replay.text).toContain('>Return to Acme Web</a>');
    expect(returnLink(replay.text)).toBe('https://app.example');
    expect(replay.text).not.toContain('could not be finished');
    expect(exchanges()).toBe(before.exchanges);
    // Counted once, as the callback of any used state is: the first round itself was counted only as sent back.
    const failures = await logins('failure');
    expect(failures.total).toBe(before.failures.total + 1);
    expect(failures.causes).toEqual(['stale_login']);

    // Forward again, to Google's second page: the login finishes there, at the application, as if nothing had happened.
    const { arrivedAt } = await browser.follow(approveUrl(secondPage.href, { user: 'carol' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('state')).toBe('client-st');
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    expect((await logins('success')).total).toBe(before.successes.total + 1);
    expect((await logins('failure')).total).toBe(before.failures.total + 1);
  });

  it('answers the same when Google’s first page is allowed again, which sends the used state with a new code', async () => {
    const browser = fitgate.browser();
    const { firstPage } = await sentBack(browser);
    const before = exchanges();

    const againAtGoogle = await browser.get(approveUrl(firstPage.href, { user: 'carol' }));
    expect(againAtGoogle.location?.pathname).toBe('/login/callback');
    const replay = await browser.get(againAtGoogle.location!);

    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This login continues at Google');
    expect(returnLink(replay.text)).toBe('https://app.example');
    expect(exchanges()).toBe(before);
  });

  it('keeps the page of a login that could not be finished for another browser, which has no second round in flight', async () => {
    const { firstCallback } = await sentBack(fitgate.browser());

    const elsewhere = await fitgate.browser().get(firstCallback);

    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain('This login could not be finished');
    expect(returnLink(elsewhere.text)).toBeUndefined();
  });

  it('says the login already finished once the second round finished it', async () => {
    const browser = fitgate.browser();
    const { firstCallback, secondPage } = await sentBack(browser);
    await browser.follow(approveUrl(secondPage.href, { user: 'carol' }), CLIENT_CALLBACK);

    const replay = await browser.get(firstCallback);

    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This login already finished');
    expect(replay.text).toContain('You signed in to Acme Web with it a moment ago.');
    expect(returnLink(replay.text)).toBe('https://app.example');
  });
});
