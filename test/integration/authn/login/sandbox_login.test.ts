import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';

/** The Fitbit connection's sandbox banner, word for word (each banner names its connection's plugin). */
const SANDBOX_NOTICE = 'Sandbox: no real Fitbit account is used.';

describeEachStore('sandbox login', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'sandbox' } });
  });
  afterAll(() => fitgate.close());
  afterEach(() => fitgate.upstream.setAutoConsent(undefined));

  it('sends the browser to the Fitbit plugin\'s sandbox on the tenant\'s own host', async () => {
    const toUpstream = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    expect(toUpstream.location?.href.startsWith(`${fitgate.tenantUrl}/_sandbox/accounts.google.com/o/oauth2/v2/auth?`)).toBe(true);
  });

  it('says on the Universal Login page and on the consent page that no real Fitbit account is used', async () => {
    const browser = fitgate.browser();
    const login = await browser.get(fitgate.authorizeUrl());
    expect(login.text).toContain(SANDBOX_NOTICE);
    const href = /href="([^"]*connection=fitbit[^"]*)"/.exec(login.text)?.[1]?.replace(/&amp;/g, '&');
    const toUpstream = await browser.get(new URL(href!, fitgate.tenantUrl));
    const consent = await browser.get(toUpstream.location!);
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('Allow');
    expect(consent.text).toContain(SANDBOX_NOTICE);
  });

  it('completes the login through the emulator\'s back channel over loopback', async () => {
    fitgate.upstream.setAutoConsent({ user: 'carol', decision: 'approve' });
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'sbx' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('state')).toBe('sbx');
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect(fitgate.upstream.counters()['google-health'].codeExchanges).toBeGreaterThanOrEqual(1);
    expect(await fitgate.store.users.get(fitgate.tenant, 'fitbit|carol-0b7e61d2')).toBeDefined();
  });

  it('refuses a sandbox login when the sandbox is off and the connection has no credentials', async () => {
    const production = await startFrontChannel({ store: harness.store(), upstream: { kind: 'unconfigured' } });
    try {
      const response = await production.browser().get(production.authorizeUrl({ connection: 'fitbit' }));
      expect(response.location?.searchParams.get('error')).toBe('temporarily_unavailable');
      expect(response.location?.searchParams.get('error_description')).toContain('no upstream client id');
    } finally {
      await production.close();
    }
  });
});
