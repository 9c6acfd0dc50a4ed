import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from './front_channel_fixture.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
  emulator.control.setAutoConsent({ user: 'alice', decision: 'approve' });
});
afterAll(() => emulator.close());

describeEachStore('login through to /oauth/token', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator } });
  });
  afterAll(() => fitgate.close());

  it('exchanges the code from the callback for an id_token whose sub is the user and whose nonce is the request\'s', async () => {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', nonce: 'n-e2e' }), CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code') ?? '';
    const host = new URL(fitgate.tenantUrl).host;

    const token = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String) });

    // The tenant's keys, fetched as a relying party would (through the tenant's Host).
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', host);
    const { payload } = await jwtVerify(token.body.id_token as string, createLocalJWKSet(jwks.body), {
      issuer: `${fitgate.tenantUrl}/`,
      audience: fitgate.webClient.clientId,
    });
    expect(payload).toMatchObject({ sub: 'fitbit|alice-4f1c2b7e', nonce: 'n-e2e', name: 'Alice Runner' });

    const replay = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });
});
