import { createHash } from 'node:crypto';
import { expect, it } from '@jest/globals';
import type { RefreshTokenRecord } from '../../../../src/authn/tokens/refresh_tokens.js';
import type { RefreshTokenPolicy } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

const GRACE: RefreshTokenPolicy = { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 30, idleTokenLifetimeSeconds: 3600 };

describeEachStore('refresh token reuse leeway', (harness) => {
  const backChannel = useBackChannel(harness);

  async function login(bc: BackChannel) {
    const { client, secret } = await bc.addClient({ settings: { refreshTokenPolicy: GRACE } });
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { auth, refreshToken: issued.body.refresh_token as string };
  }

  /** Moves a spent token's rotation into the past, as if `seconds` had gone by since. */
  async function rotatedSecondsAgo(bc: BackChannel, token: string, seconds: number) {
    const key = createHash('sha256').update(token, 'utf8').digest('hex');
    const record = await bc.store.ephemeral.get<RefreshTokenRecord>('refresh_token', key);
    if (!record?.rotatedAt) throw new Error('the token has not been rotated');
    await bc.store.ephemeral.put('refresh_token', key, { ...record, rotatedAt: new Date(Date.now() - seconds * 1000).toISOString() }, 3600);
  }

  it('lets a second tab refresh with the same token within the leeway, and both tabs keep working', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc);

    const firstTab = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);
    const secondTab = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);

    expect(secondTab.body.refresh_token).toEqual(expect.any(String));
    await bc.token({ grant_type: 'refresh_token', refresh_token: firstTab.body.refresh_token }, auth).expect(200);
    await bc.token({ grant_type: 'refresh_token', refresh_token: secondTab.body.refresh_token }, auth).expect(200);
  });

  it('revokes the whole family when the spent token comes back after the leeway', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc);
    const rotated = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);
    await rotatedSecondsAgo(bc, refreshToken, GRACE.leewaySeconds + 1);

    const late = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(400);
    expect(late.body.error).toBe('invalid_grant');
    const successor = await bc.token({ grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token }, auth).expect(400);
    expect(successor.body.error).toBe('invalid_grant');
  });

  it('with no leeway (the default) treats any second use as theft', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);

    const rotated = await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(200);
    await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(400);
    await bc.token({ grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token }, auth).expect(400);
  });
});
