import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// After a real login: the code exchange, a refresh, a replayed code, a revocation and a logout each
// move exactly their own series by one.

const emulator = useEmulator('alice');

describeEachStore('token endpoint metrics', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'emulator', emulator: emulator() } }));

  const post = (path: string, form: Record<string, string>) => {
    const { fitgate } = metered();
    return request(fitgate.url)
      .post(path)
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send(form);
  };

  it('counts the code exchange, a refresh, a replayed code, a revocation and a logout once each', async () => {
    const { fitgate } = metered();
    const tenant = fitgate.tenant;
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code') ?? '';
    const before = await metered().scrape();

    const exchanged = await post('/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(exchanged.status).toBe(200);
    const refreshed = await post('/oauth/token', { grant_type: 'refresh_token', refresh_token: exchanged.body.refresh_token as string });
    expect(refreshed.status).toBe(200);
    expect((await post('/oauth/token', { grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK })).status).toBe(400);
    expect((await post('/oauth/revoke', { token: refreshed.body.refresh_token as string })).status).toBe(200);
    const logout = await request(fitgate.url).get('/v2/logout').set('Host', new URL(fitgate.tenantUrl).host);
    expect(logout.status).toBe(200);

    const after = await metered().scrape();
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    const exchanges = (grantType: string, result: string, connection: string) => ({ tenant, grant_type: grantType, result, connection });
    expect(moved('fitgate_token_exchanges_total', exchanges('authorization_code', 'success', 'fitbit'))).toBe(1);
    expect(moved('fitgate_token_exchanges_total', exchanges('refresh_token', 'success', 'fitbit'))).toBe(1);
    expect(moved('fitgate_token_exchanges_total', exchanges('authorization_code', 'invalid_grant', ''))).toBe(1);
    expect(moved('fitgate_token_exchanges_total', {})).toBe(3);
    expect(moved('fitgate_token_revocations_total', { tenant, result: 'success' })).toBe(1);
    // The request carried no session: nothing ended, and the count says so.
    expect(moved('fitgate_logouts_total', { tenant, result: 'no_session' })).toBe(1);
    expect(moved('fitgate_logouts_total', { tenant, result: 'success' })).toBe(0);
    // fitgate's own refresh grant never calls the upstream.
    expect(moved('fitgate_upstream_requests_total', {})).toBe(0);
  });

  it('counts a logout whose logout_hint names another login session as session_kept, not success', async () => {
    const { fitgate } = metered();
    const tenant = fitgate.tenant;
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const before = await metered().scrape();

    const kept = await browser.get(`${fitgate.tenantUrl}/oidc/logout?logout_hint=another-session`);
    expect(kept.status).toBe(200);

    const after = await metered().scrape();
    const moved = (result: string) => after.value('fitgate_logouts_total', { tenant, result }) - before.value('fitgate_logouts_total', { tenant, result });
    expect([moved('session_kept'), moved('success')]).toEqual([1, 0]);
  });

  it('counts a logout that ends a sign-in as success', async () => {
    const { fitgate } = metered();
    const tenant = fitgate.tenant;
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const before = await metered().scrape();
    expect((await browser.get(`${fitgate.tenantUrl}/v2/logout`)).status).toBe(200);
    const after = await metered().scrape();
    const moved = (result: string) => after.value('fitgate_logouts_total', { tenant, result }) - before.value('fitgate_logouts_total', { tenant, result });
    expect([moved('success'), moved('no_session')]).toEqual([1, 0]);
  });

  it('counts a revocation by an unauthenticated client with its OAuth error code', async () => {
    const { fitgate } = metered();
    const before = await metered().scrape();
    const refused = await request(fitgate.url)
      .post('/oauth/revoke')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, 'not-the-secret')
      .type('form')
      .send({ token: 'whatever' });
    expect(refused.status).toBe(401);

    const after = await metered().scrape();
    const labels = { tenant: fitgate.tenant, result: 'invalid_client' };
    expect(after.value('fitgate_token_revocations_total', labels) - before.value('fitgate_token_revocations_total', labels)).toBe(1);
  });
});
