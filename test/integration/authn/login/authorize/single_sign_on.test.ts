import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * Single sign-on, as at Auth0: an interactive /authorize from a browser already signed in at the
 * tenant gets its response at once, with no page and no trip upstream, for this client or another;
 * unless the request asks for the person (prompt=login), the client disables single sign-on, or
 * the sign-in is older than max_age.
 */
describeEachStore('single sign-on', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const upstreamAuthorizations = () => fitgate.upstream.counters()['google-health'].authorizeRequests;

  async function signedInBrowser() {
    const browser = fitgate.browser();
    const signedIn = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    return browser;
  }

  it('answers an interactive request from the session, for the same client and another, without the login page or the upstream', async () => {
    const browser = await signedInBrowser();
    const before = upstreamAuthorizations();
    for (const params of [{ state: 'again' }, { state: 'named', connection: 'fitbit' }, { state: 'spa', client_id: fitgate.spaClient.clientId, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }]) {
      const answer = await browser.get(fitgate.authorizeUrl(params));
      expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
      expect(answer.location?.searchParams.get('code')).toBeTruthy();
      expect(answer.location?.searchParams.get('state')).toBe(params.state);
    }
    expect(upstreamAuthorizations()).toBe(before);
  });

  it('asks again for prompt=login, and a new visitor sees the login page', async () => {
    const browser = await signedInBrowser();
    const forced = await browser.get(fitgate.authorizeUrl({ prompt: 'login', connection: 'fitbit' }));
    expect(forced.location?.href.startsWith(CLIENT_CALLBACK)).toBe(false);
    expect(forced.location?.searchParams.get('prompt')).toBeTruthy();

    const stranger = await fitgate.browser().get(fitgate.authorizeUrl());
    expect(stranger.status).toBe(200);
    expect(stranger.text).toContain('Continue with');
  });

  it('asks again when the client disables single sign-on or the sign-in is older than max_age', async () => {
    const browser = await signedInBrowser();
    const tooOld = await browser.get(fitgate.authorizeUrl({ max_age: '0' }));
    expect(tooOld.status).toBe(200);
    expect(tooOld.text).toContain('Continue with');

    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    if (!client) throw new Error('the fixture has no web client');
    await fitgate.store.clients.update({ ...client, ssoDisabled: true });
    try {
      const disabled = await browser.get(fitgate.authorizeUrl());
      expect(disabled.status).toBe(200);
      expect(disabled.text).toContain('Continue with');
    } finally {
      const changed = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
      if (changed) await fitgate.store.clients.update({ ...changed, ssoDisabled: false });
    }
  });
});
