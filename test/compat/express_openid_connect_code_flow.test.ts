import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from '../support/compat/relying_party.js';

// express-openid-connect 3 with the authorization code flow: authRequired false, one route behind
// requiresAuth(), which reads /userinfo and refreshes the access token.
describe('express-openid-connect with the code flow', () => {
  let fitgate: FitgateBehindTls;
  let app: RelyingParty;
  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'Code flow app', appType: 'regular_web' });
    app = await startRelyingParty(
      'express_openid_connect',
      { flow: 'code', issuerBaseURL: fitgate.publicUrl, clientID: client.clientId, clientSecret },
      fitgate.certificate.caFile,
    );
    await fitgate.store.clients.update({ ...client, callbacks: [`${app.url}/callback`] });
  });
  afterAll(async () => {
    await app?.close();
    await fitgate?.close();
  });

  it('serves a public route without a login', async () => {
    const page = await new CompatBrowser(fitgate.certificate.certPem).get(`${app.url}/`);
    expect(JSON.parse(page.text)).toEqual({ authenticated: false });
  });

  it('logs in for a route that requires auth, then reads /userinfo and refreshes the access token', async () => {
    const browser = new CompatBrowser(fitgate.certificate.certPem);
    const start = await browser.follow(`${app.url}/profile`);
    const authorize = start.visited.find((url) => url.pathname === '/authorize');
    expect(authorize?.searchParams.get('response_type')).toBe('code');

    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.url.href).toBe(`${app.url}/profile`);
    expect(JSON.parse(page.text)).toEqual({
      user: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      userinfo: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      hadRefreshToken: true,
      refreshed: true,
    });
    expect(JSON.parse((await browser.get(`${app.url}/`)).text)).toEqual({ authenticated: true });
  });
});
