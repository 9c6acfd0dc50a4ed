import { expect, it } from '@jest/globals';
import type { RefreshTokenPolicy } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * Two uses of one rotating refresh token at the same moment (two tabs, or a thief racing the app).
 * Both are checked and issue their successor before either spends the token, so the one atomic step
 * that spends it decides: the other use is a reuse, honoured within the leeway, otherwise the end of
 * the family, the successors of both included.
 */
describeEachStore('two uses of one refresh token at the same moment', (harness) => {
  const backChannel = useBackChannel(harness);

  async function login(bc: BackChannel, policy?: RefreshTokenPolicy) {
    const { client, secret } = await bc.addClient(policy ? { settings: { refreshTokenPolicy: policy } } : {});
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { auth, refresh: { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string } };
  }

  it('with no leeway (the default): one gets tokens, the other is refused, and the family is revoked', async () => {
    const bc = backChannel();
    const { auth, refresh } = await login(bc);

    const answers = await Promise.all([bc.token(refresh, auth), bc.token(refresh, auth)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const successor = await bc.token({ grant_type: 'refresh_token', refresh_token: winner.body.refresh_token }, auth).expect(400);
    expect(successor.body.error).toBe('invalid_grant');
  });

  it('within a leeway: both get tokens, and both successors keep working', async () => {
    const bc = backChannel();
    const { auth, refresh } = await login(bc, { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 30, idleTokenLifetimeSeconds: 3600 });

    const answers = await Promise.all([bc.token(refresh, auth), bc.token(refresh, auth)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    for (const answer of answers) await bc.token({ grant_type: 'refresh_token', refresh_token: answer.body.refresh_token }, auth).expect(200);
  });
});
