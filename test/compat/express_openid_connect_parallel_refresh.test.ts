import { beforeAll, describe, expect, it } from '@jest/globals';
import { newApplicationTokenSettings } from '../../src/domain/token_lifetimes.js';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// express-openid-connect 3 with the code flow, registered with the token settings every new regular
// web application gets (non-rotating refresh tokens, as at Auth0): two requests refreshing at the
// same moment send one refresh token twice, and both must succeed, as they do against Auth0.
describe('express-openid-connect refreshing from two requests at once', () => {
  let clientId = '';
  const rp = useRelyingParty('express_openid_connect', 'Parallel refresh app', (fitgate, client) => {
    clientId = client.clientId;
    return { flow: 'code', issuerBaseURL: fitgate.publicUrl, clientID: client.clientId, clientSecret: client.clientSecret };
  });

  beforeAll(async () => {
    const { store, tenant } = rp.fitgate;
    const stored = (await store.clients.get(tenant, clientId))!;
    await store.clients.update({ ...stored, ...newApplicationTokenSettings('regular_web') });
  });

  it('refreshes in both requests, and again afterwards, with 24 h access tokens', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/profile`);
    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(JSON.parse(page.text)).toMatchObject({ hadRefreshToken: true, refreshed: true });

    const together = await Promise.all([browser.get(`${rp.app.url}/refresh`), browser.get(`${rp.app.url}/refresh`)]);
    for (const answer of together) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ refreshed: true, expiresIn: 86400 });
    }
    const after = await browser.get(`${rp.app.url}/refresh`);
    expect(JSON.parse(after.text)).toEqual({ refreshed: true, expiresIn: 86400 });
  });
});
