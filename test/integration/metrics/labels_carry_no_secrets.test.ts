import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// After logins, token exchanges, a refresh and a revocation, nothing in /metrics names a user, a
// token, a code or a secret: labels are tenants, connections, route patterns and fixed codes.

const emulator = useEmulator('alice');

describeEachStore('metric labels', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'emulator', emulator: emulator() } }));

  it('carry no user id, token, code, state or client secret, and routes are patterns', async () => {
    const { fitgate } = metered();
    const host = new URL(fitgate.tenantUrl).host;
    const state = 'client-state-0123456789';
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state }), CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code') ?? '';
    const token = (form: Record<string, string>) =>
      request(fitgate.url).post('/oauth/token').set('Host', host).auth(fitgate.webClient.clientId, fitgate.webClientSecret).type('form').send(form);
    const issued = await token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string });
    await request(fitgate.url).get('/userinfo').set('Host', host).set('Authorization', `Bearer ${refreshed.body.access_token as string}`);
    const listed = (await fitgate.store.users.list(fitgate.tenant, { page: 0, perPage: 1 })).items[0]!;
    const user = (await fitgate.store.users.get(fitgate.tenant, listed.userId))!;
    await request(fitgate.url).get(`/api/v2/users/${encodeURIComponent(user.userId)}`).set('Host', host);

    const scraped = await metered().scrape();
    const identity = user.identities[0]!;
    const secrets = [
      user.userId,
      identity.userId,
      fitgate.deps.sealer.open(identity.tokens!.accessToken),
      // Google sends its refresh token on an account's first consent only.
      ...(identity.tokens?.refreshToken ? [fitgate.deps.sealer.open(identity.tokens.refreshToken)] : []),
      code,
      state,
      issued.body.access_token as string,
      issued.body.refresh_token as string,
      issued.body.id_token as string,
      refreshed.body.access_token as string,
      fitgate.webClientSecret,
      fitgate.webClient.clientId,
      user.email ?? 'alice@',
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(4);
      expect(scraped.text).not.toContain(secret);
    }
    const labelNames = new Set(scraped.series.flatMap((series) => Object.keys(series.labels)));
    for (const forbidden of ['user', 'user_id', 'client_id', 'token', 'path', 'url', 'ip']) expect(labelNames.has(forbidden)).toBe(false);
    const routes = new Set(scraped.series.flatMap((series) => (series.labels.route === undefined ? [] : [series.labels.route])));
    expect(routes.size).toBeGreaterThan(0);
    for (const route of routes) expect(route).toMatch(/^(unmatched|(\/(:?[a-z][a-z0-9_.-]*|\*))+\/?|\/)$/i);
  });
});
