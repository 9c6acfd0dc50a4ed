import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

describeEachStore('a blocked user', (harness) => {
  let fitgate: FrontChannel;
  let refreshToken: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    // Alice logs in once while she may, and her application keeps a refresh token.
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const tokens = await token({ grant_type: 'authorization_code', code: arrivedAt?.searchParams.get('code') ?? '', redirect_uri: CLIENT_CALLBACK });
    refreshToken = (tokens.body as { refresh_token: string }).refresh_token;
    const alice = await fitgate.store.users.get(fitgate.tenant, ALICE);
    await fitgate.store.users.update({ ...alice!, blocked: true });
  });
  afterAll(() => fitgate.close());

  const token = (body: Record<string, string>) =>
    request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send(body);

  it("cannot log in: the client gets Auth0's unauthorized (user is blocked) at its redirect_uri, and no login is counted", async () => {
    const before = await fitgate.store.users.get(fitgate.tenant, ALICE);
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'st' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('error')).toBe('unauthorized');
    expect(arrivedAt?.searchParams.get('error_description')).toBe('user is blocked');
    expect(arrivedAt?.searchParams.get('state')).toBe('st');
    expect(arrivedAt?.searchParams.has('code')).toBe(false);
    expect((await fitgate.store.users.get(fitgate.tenant, ALICE))?.loginsCount).toBe(before?.loginsCount);
  });

  it('leaves a failed login event saying the user is blocked', async () => {
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 5, type: 'f' });
    expect(items[0]).toMatchObject({
      type: 'f',
      description: 'user is blocked',
      clientId: fitgate.webClient.clientId,
      connection: 'fitbit',
      details: { error: 'unauthorized' },
    });
  });

  it('has its refresh tokens refused', async () => {
    const refused = await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_description: 'user is blocked' });
  });

  it('logs in again once unblocked', async () => {
    const alice = await fitgate.store.users.get(fitgate.tenant, ALICE);
    await fitgate.store.users.update({ ...alice!, blocked: false });
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
  });
});
