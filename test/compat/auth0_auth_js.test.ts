import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from '../support/compat/relying_party.js';

// @auth0/auth0-auth-js unchanged: authorization code with PKCE, the code exchanged for tokens,
// /userinfo, and a refresh.
describe('@auth0/auth0-auth-js', () => {
  let fitgate: FitgateBehindTls;
  let app: RelyingParty;
  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'auth-js app', appType: 'regular_web' });
    app = await startRelyingParty('auth0_auth_js', { domain: fitgate.domain, clientId: client.clientId, clientSecret }, fitgate.certificate.caFile);
    await fitgate.store.clients.update({ ...client, callbacks: [`${app.url}/callback`] });
  });
  afterAll(async () => {
    await app?.close();
    await fitgate?.close();
  });

  it('logs in with PKCE, exchanges the code, reads /userinfo and refreshes with a rotated refresh token', async () => {
    const browser = new CompatBrowser(fitgate.certificate.certPem);
    const start = await browser.follow(`${app.url}/login`);
    const authorize = start.visited.find((url) => url.pathname === '/authorize');
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');

    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.status).toBe(200);
    expect(JSON.parse(page.text)).toEqual({
      claims: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', iss: `${fitgate.publicUrl}/`, name: 'Alice Runner' }),
      userinfo: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      refresh: { rotated: true, sub: 'fitbit|alice-4f1c2b7e' },
    });
  });
});
