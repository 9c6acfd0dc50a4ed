import { afterEach, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * Tokens are refused when issued to a deleted user whose id signed up again, judged by the user
 * record's createdAt (milliseconds) against an access token's iat (whole seconds). A user's own first
 * second must not be mistaken for that: a token issued in it has an iat below createdAt and works.
 */
describeEachStore('tokens issued in the second the user was created', (harness) => {
  const backChannel = useBackChannel(harness);
  afterEach(() => {
    jest.useRealTimers();
  });

  it('work at /userinfo and at a refresh', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    // The clock stands still half way through a second: the user is created and its tokens issued in it.
    const createdAtMs = (Math.floor(Date.now() / 1000) + 1) * 1000 + 500;
    jest.useFakeTimers({ now: createdAtMs, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const user = await bc.addUser();
    expect(Date.parse(user.createdAt)).toBe(createdAtMs);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, authTime: Math.floor(createdAtMs / 1000) });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret)).expect(200);
    expect((await bc.openAccessToken(issued.body.access_token as string)).iat).toBe(Math.floor(createdAtMs / 1000));

    const answered = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${issued.body.access_token as string}`).expect(200);
    expect(answered.body.sub).toBe(user.userId);
    await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string }, basicAuth(client.clientId, secret)).expect(200);
  });
});
