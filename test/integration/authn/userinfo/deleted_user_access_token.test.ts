import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * A user's id is `<strategy>|<upstream id>`: deleting a user and the same person signing in again
 * makes a new user under the same id. An access token issued to the deleted one (it lives 24 hours)
 * must not read the new one's profile at /userinfo; the new login's token does.
 */
describeEachStore('an access token of a user deleted since', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());
  afterEach(() => {
    jest.useRealTimers();
  });

  async function signIn(): Promise<{ accessToken: string; userId: string }> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const answer = await request(fitgate.url).post('/oauth/token').set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret).type('form')
      .send({ grant_type: 'authorization_code', code: arrivedAt?.searchParams.get('code') ?? '', redirect_uri: CLIENT_CALLBACK })
      .expect(200);
    return { accessToken: answer.body.access_token as string, userId: decodeJwt(answer.body.id_token as string).sub as string };
  }

  const userinfo = (accessToken: string) =>
    request(fitgate.url).get('/userinfo').set('Host', new URL(fitgate.tenantUrl).host).set('Authorization', `Bearer ${accessToken}`);

  it('is refused at /userinfo as a revoked one once the person signs in again in a later second', async () => {
    // Only the clock moves: a token's iat is whole seconds, so the new sign-in must be in a later one.
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const before = await signIn();
    await userinfo(before.accessToken).expect(200);
    expect(await fitgate.store.users.delete(fitgate.tenant, before.userId)).toBe(true);
    jest.setSystemTime(Date.now() + 2000);

    const after = await signIn();
    expect(after.userId).toBe(before.userId);
    const refused = await userinfo(before.accessToken).expect(401);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(refused.headers['www-authenticate']).toContain('the access token has been revoked');

    const answered = await userinfo(after.accessToken).expect(200);
    expect(answered.body.sub).toBe(after.userId);
  });
});
