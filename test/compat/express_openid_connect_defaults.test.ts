import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// express-openid-connect 3 exactly as Auth0's quickstart sets it up: response_type=id_token,
// response_mode=form_post, every route behind login. Only the issuer and the client id change.
describe('express-openid-connect with its defaults', () => {
  const rp = useRelyingParty('express_openid_connect', 'Quickstart', (fitgate, { clientId }) => ({
    flow: 'defaults',
    issuerBaseURL: fitgate.publicUrl,
    clientID: clientId,
  }));

  it('logs a user in through the Universal Login page and the form_post response, and shows the id_token claims', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/`);
    const authorize = start.visited.find((url) => url.pathname === '/authorize');
    expect(authorize?.searchParams.get('response_type')).toBe('id_token');
    expect(authorize?.searchParams.get('response_mode')).toBe('form_post');
    expect(start.page.text).toContain('Continue with Fitbit');

    const { page, visited } = await browser.follow(continueWithFitbit(start.page));
    expect(visited.some((url) => url.href === `${rp.app.url}/callback`)).toBe(true);
    expect(page.status).toBe(200);
    expect(JSON.parse(page.text)).toMatchObject({
      user: { sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' },
    });
  });
});
