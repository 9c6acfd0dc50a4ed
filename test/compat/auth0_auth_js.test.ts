import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// @auth0/auth0-auth-js unchanged: authorization code with PKCE, the code exchanged for tokens,
// /userinfo, and a refresh.
describe('@auth0/auth0-auth-js', () => {
  const rp = useRelyingParty('auth0_auth_js', 'auth-js app', (fitgate, { clientId, clientSecret }) => ({ domain: fitgate.domain, clientId, clientSecret }));

  it('logs in with PKCE, exchanges the code, reads /userinfo and refreshes with a rotated refresh token', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/login`);
    const authorize = start.visited.find((url) => url.pathname === '/authorize');
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');

    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.status).toBe(200);
    expect(JSON.parse(page.text)).toEqual({
      claims: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', iss: `${rp.fitgate.publicUrl}/`, name: 'Alice Runner' }),
      userinfo: expect.objectContaining({ sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' }),
      refresh: { rotated: true, sub: 'fitbit|alice-4f1c2b7e' },
    });
  });
});
