import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

describeEachStore('login through to /oauth/token', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** POST /oauth/token as the web client (client_secret_basic). */
  const redeem = (code: string) =>
    request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });

  it('exchanges the code from the callback for an id_token whose sub is the user and whose nonce is the request\'s', async () => {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', nonce: 'n-e2e' }), CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code') ?? '';
    const host = new URL(fitgate.tenantUrl).host;

    const token = await redeem(code);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String) });

    // The tenant's keys, fetched as a relying party would (through the tenant's Host).
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', host);
    const { payload } = await jwtVerify(token.body.id_token as string, createLocalJWKSet(jwks.body), {
      issuer: `${fitgate.tenantUrl}/`,
      audience: fitgate.webClient.clientId,
    });
    expect(payload).toMatchObject({ sub: 'fitbit|alice-4f1c2b7e', nonce: 'n-e2e', name: 'Alice Runner' });

    const replay = await redeem(code);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });
});
