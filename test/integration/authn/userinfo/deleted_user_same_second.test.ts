import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * An access token issued to a user who is deleted and signs up again within the same second: the
 * token's iat (whole seconds) cannot tell the two users apart, so the token names the user record it
 * was issued to. /userinfo refuses the deleted user's token as a revoked one and answers the new
 * user's, issued in that same second.
 */
describeEachStore('an access token of a user deleted and re-created within its second', (harness) => {
  let fitgate: FrontChannel;
  let deleter: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    deleter = await managementToken(fitgate, ['delete:users']);
  });
  afterEach(() => {
    jest.useRealTimers();
  });
  afterAll(() => fitgate.close());

  async function signIn(): Promise<string> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const answer = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code: arrivedAt?.searchParams.get('code') ?? '', redirect_uri: CLIENT_CALLBACK })
      .expect(200);
    return answer.body.access_token as string;
  }

  const userinfo = (accessToken: string) =>
    request(fitgate.url).get('/userinfo').set('Host', new URL(fitgate.tenantUrl).host).set('Authorization', `Bearer ${accessToken}`);

  it('refuses the deleted user\'s token and answers the new user\'s', async () => {
    // Only Date is faked, and it stands still but where it is set: every step below lands in one second.
    const second = (Math.floor(Date.now() / 1000) + 1) * 1000;
    jest.useFakeTimers({ now: second + 100, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const before = await signIn();
    await userinfo(before).expect(200);
    jest.setSystemTime(second + 200);
    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}`, deleter).expect(204);
    jest.setSystemTime(second + 300);

    const after = await signIn();
    expect(Date.parse((await fitgate.store.users.get(fitgate.tenant, ALICE))?.createdAt ?? '')).toBe(second + 300);

    const refused = await userinfo(before).expect(401);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(refused.headers['www-authenticate']).toContain('the access token has been revoked');
    const answered = await userinfo(after).expect(200);
    expect(answered.body.sub).toBe(ALICE);
  });
});
