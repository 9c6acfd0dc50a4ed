import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from '../support/compat/relying_party.js';

// passport-auth0 unchanged: its strategy logs in with the code flow and loads the profile with
// GET /userinfo?access_token=... (its OAuth library's default).
describe('passport-auth0', () => {
  let fitgate: FitgateBehindTls;
  let app: RelyingParty;
  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'Passport app', appType: 'regular_web' });
    app = await startRelyingParty('passport_auth0', { domain: fitgate.domain, clientID: client.clientId, clientSecret }, fitgate.certificate.caFile);
    await fitgate.store.clients.update({ ...client, callbacks: [`${app.url}/callback`] });
  });
  afterAll(async () => {
    await app?.close();
    await fitgate?.close();
  });

  it('logs a user in through the strategy and fetches the profile from /userinfo', async () => {
    const browser = new CompatBrowser(fitgate.certificate.certPem);
    const start = await browser.follow(`${app.url}/login`);
    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.url.href).toBe(`${app.url}/user`);
    const { user } = JSON.parse(page.text) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      provider: 'fitbit',
      id: 'fitbit|alice-4f1c2b7e',
      user_id: 'fitbit|alice-4f1c2b7e',
      displayName: 'Alice Runner',
    });
  });
});
