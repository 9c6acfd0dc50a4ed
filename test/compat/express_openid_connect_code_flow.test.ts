import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// express-openid-connect 3 with the authorization code flow: authRequired false, one route behind
// requiresAuth(), which reads /userinfo and refreshes the access token.
describe('express-openid-connect with the code flow', () => {
  const rp = useRelyingParty('express_openid_connect', 'Code flow app', (fitgate, { clientId, clientSecret }) => ({
    flow: 'code',
    issuerBaseURL: fitgate.publicUrl,
    clientID: clientId,
    clientSecret,
  }));

  it('serves a public route without a login', async () => {
    const page = await new CompatBrowser(rp.fitgate.certificate.certPem).get(`${rp.app.url}/`);
    expect(JSON.parse(page.text)).toEqual({ authenticated: false });
  });

  it('logs in for a route that requires auth, then reads /userinfo and refreshes the access token', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/profile`);
    const authorize = start.visited.find((url) => url.pathname === '/authorize');
    expect(authorize?.searchParams.get('response_type')).toBe('code');

    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.url.href).toBe(`${rp.app.url}/profile`);
    expect(JSON.parse(page.text)).toEqual({
      user: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      userinfo: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      hadRefreshToken: true,
      refreshed: true,
    });
    expect(JSON.parse((await browser.get(`${rp.app.url}/`)).text)).toEqual({ authenticated: true });
  });
});
