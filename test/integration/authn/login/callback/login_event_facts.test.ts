import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { logJson } from '../../../../../src/management/logs/log_json.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

describeEachStore('what a login event carries', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  let code = '';

  it('names the hostname, client, connection id, strategy and strategy type, and IP, as Auth0’s events do', async () => {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    code = arrivedAt?.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 's' });
    expect(logJson(items[0]!)).toMatchObject({
      type: 's',
      hostname: new URL(fitgate.tenantUrl).hostname,
      client_id: fitgate.webClient.clientId,
      client_name: 'Acme Web',
      connection: 'fitbit',
      connection_id: fitgate.connection.id,
      strategy: 'fitbit',
      strategy_type: 'social',
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
  });

  it('carries the same facts and the user agent on the code exchange that follows', async () => {
    const exchanged = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .set('User-Agent', 'exporter-test/1.0')
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(exchanged.status).toBe(200);
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'seacft' });
    expect(logJson(items[0]!)).toMatchObject({
      hostname: new URL(fitgate.tenantUrl).hostname,
      client_name: 'Acme Web',
      connection_id: fitgate.connection.id,
      strategy: 'fitbit',
      strategy_type: 'social',
      user_agent: 'exporter-test/1.0',
    });
  });
});
