import { createHash } from 'node:crypto';
import { expect, it } from '@jest/globals';
import type { RefreshTokenRecord } from '../../../../src/authn/tokens/refresh_tokens.js';
import type { RefreshTokenPolicy } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('refresh token policy: rotation type and lifetimes', (harness) => {
  const backChannel = useBackChannel(harness);

  async function login(bc: BackChannel, policy: RefreshTokenPolicy, authTime?: number) {
    const { client, secret } = await bc.addClient({ settings: { refreshTokenPolicy: policy } });
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, ...(authTime !== undefined && { authTime }) });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { client, auth, refreshToken: issued.body.refresh_token as string };
  }

  it('non-rotating: the same token keeps working and no new one is issued', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc, { rotationType: 'non-rotating', expirationType: 'non-expiring', leewaySeconds: 0 });

    const first = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);
    const second = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);

    expect(first.body.refresh_token).toBeUndefined();
    expect(second.body.access_token).toEqual(expect.any(String));
  });

  it('idle lifetime: a token unused for longer than idle_token_lifetime is refused', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc, { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 0, idleTokenLifetimeSeconds: 600 });
    const key = createHash('sha256').update(refreshToken, 'utf8').digest('hex');
    const record = await bc.store.ephemeral.get<RefreshTokenRecord>('refresh_token', key);
    await bc.store.ephemeral.put('refresh_token', key, { ...record!, activeAt: Math.floor(Date.now() / 1000) - 601 }, 600);

    const refused = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(400);
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('absolute lifetime: a family older than token_lifetime is refused however recently it was used, under the policy in force', async () => {
    const bc = backChannel();
    const loggedInAt = Math.floor(Date.now() / 1000) - 500;
    const policy: RefreshTokenPolicy = { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 0, tokenLifetimeSeconds: 3600, idleTokenLifetimeSeconds: 600 };
    const { client, auth, refreshToken } = await login(bc, policy, loggedInAt);
    const fresh = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);

    // The admin shortens the family lifetime below the family's age (500 s): the next use is refused.
    await bc.store.clients.update({ ...client, refreshTokenPolicy: { ...policy, tokenLifetimeSeconds: 400 } });
    const refused = await bc.token({ grant_type: 'refresh_token', refresh_token: fresh.body.refresh_token }, auth).expect(400);
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('issues no refresh token to a login already past the absolute lifetime', async () => {
    const bc = backChannel();
    const policy: RefreshTokenPolicy = { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 0, tokenLifetimeSeconds: 60 };
    const { refreshToken } = await login(bc, policy, Math.floor(Date.now() / 1000) - 120);
    expect(refreshToken).toBeUndefined();
  });
});
