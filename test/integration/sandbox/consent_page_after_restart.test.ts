import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../support/authn/front_channel_fixture.js';

/**
 * The sandbox's consent page reloaded, or reached with Back, after fitgate restarted: the emulator
 * in the new process knows no redirect URI yet (a login's start registers its tenant's), and used to
 * answer Google's "Error 400: redirect_uri_mismatch ... register the redirect URI in the Google Cloud
 * Console", advice that means nothing in the sandbox. A browser request on a tenant's host now
 * registers that tenant's callback first, as a worker's proxy does, so the page is the consent page
 * and the login finishes.
 */
describeEachStore('the sandbox consent page after a restart', (harness) => {
  let before: FrontChannel;
  let after: FrontChannel;
  beforeAll(async () => {
    before = await startFrontChannel({ store: harness.store(), upstream: { kind: 'sandbox' } });
    after = await before.anotherInstance();
  });
  afterAll(async () => {
    await before.close();
    await after.close();
  });

  it('shows the consent page again, and the login finishes at the application', async () => {
    const browser = before.browser();
    const toUpstream = await browser.get(before.authorizeUrl({ connection: 'fitbit', state: 'restarted' }));
    const consentUrl = toUpstream.location!;
    expect(consentUrl.href.startsWith(`${before.tenantUrl}/_sandbox/accounts.google.com/o/oauth2/v2/auth?`)).toBe(true);

    // The same browser, its tenant now served by the process started since.
    const restarted = browser.routedTo(after.url);
    const consent = await restarted.get(consentUrl);
    expect(consent.location?.href).toBeUndefined();
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('Allow');

    after.upstream.setAutoConsent({ user: 'carol', decision: 'approve' });
    const { arrivedAt } = await restarted.follow(consentUrl, CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('state')).toBe('restarted');
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
  });
});
