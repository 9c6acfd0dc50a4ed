import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// passport-auth0 sends a state of its own by default (state: true) and checks it at the callback
// against its session: fitgate returns it unchanged, and a callback that does not carry the state
// of this browser's login signs nobody in.
describe('passport-auth0: the state check', () => {
  const rp = useRelyingParty('passport_auth0', 'Passport app', (fitgate, { clientId, clientSecret }) => ({ domain: fitgate.domain, clientID: clientId, clientSecret }));

  /** Logs in up to the redirect to the application's callback, which is not followed. */
  async function callbackOfLogin(browser: CompatBrowser): Promise<{ sentState: string | null; callback: URL }> {
    const start = await browser.follow(`${rp.app.url}/login`);
    const sentState = start.visited.find((url) => url.pathname === '/authorize')?.searchParams.get('state') ?? null;
    let response = await browser.get(continueWithFitbit(start.page));
    for (let step = 0; step < 10 && response.location; step += 1) {
      if (response.location.href.startsWith(`${rp.app.url}/callback?`)) return { sentState, callback: response.location };
      response = await browser.get(response.location);
    }
    throw new Error(`the login did not come back to the application: ${response.status} ${response.text.slice(0, 300)}`);
  }

  it('gets its state back and refuses a callback whose state was changed', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const { sentState, callback } = await callbackOfLogin(browser);
    expect(sentState).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(callback.searchParams.get('state')).toBe(sentState);
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));

    const forged = new URL(callback);
    forged.searchParams.set('state', `${sentState ?? ''}x`);
    const refused = await browser.get(forged);

    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toEqual({ info: { message: 'Invalid authorization request state.' } });
    expect(JSON.parse((await browser.get(`${rp.app.url}/user`)).text)).toMatchObject({ user: null });
  });

  it('refuses the callback in a browser that did not start the login, and accepts it in the one that did', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const { callback } = await callbackOfLogin(browser);
    const other = new CompatBrowser(rp.fitgate.certificate.certPem);

    const refused = await other.get(callback);

    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toEqual({ info: { message: 'Unable to verify authorization request state.' } });
    const { page } = await browser.follow(callback);
    expect(page.url.href).toBe(`${rp.app.url}/user`);
    expect(JSON.parse(page.text)).toMatchObject({ user: { id: 'fitbit|alice-4f1c2b7e' } });
  });
});
