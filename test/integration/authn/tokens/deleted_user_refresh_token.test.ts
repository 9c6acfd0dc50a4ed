import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { refreshTokenPolicyOf } from '../../../../src/domain/token_lifetimes.js';
import type { RefreshTokenPolicy } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * A user's id is `<strategy>|<upstream id>`: deleting a user and the same person signing in again
 * makes a new user under the same id. The refresh tokens issued to the deleted one must not come back
 * to life with it (a leaked token would otherwise outlive the deletion meant to cut it off), whatever
 * the policy, even when all of it happens within one second; the new login's tokens work.
 */
describeEachStore('a refresh token of a user deleted since', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const token = (body: Record<string, string>) =>
    request(fitgate.url).post('/oauth/token').set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret).type('form').send(body);

  async function signIn(): Promise<{ refreshToken: string; userId: string }> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const answer = await token({ grant_type: 'authorization_code', code: arrivedAt?.searchParams.get('code') ?? '', redirect_uri: CLIENT_CALLBACK }).expect(200);
    expect(answer.body.refresh_token).toEqual(expect.any(String));
    return { refreshToken: answer.body.refresh_token as string, userId: decodeJwt(answer.body.id_token as string).sub as string };
  }

  async function usePolicy(rotationType: RefreshTokenPolicy['rotationType']): Promise<void> {
    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({ ...client!, refreshTokenPolicy: { ...refreshTokenPolicyOf(client!), rotationType } });
  }

  it.each(['rotating', 'non-rotating'] as const)('is refused as a revoked one once the person signs in again (%s)', async (rotationType) => {
    await usePolicy(rotationType);
    const before = await signIn();
    // Used once before the deletion: a rotating policy's current token is then the successor.
    const used = await token({ grant_type: 'refresh_token', refresh_token: before.refreshToken }).expect(200);
    const leaked = (used.body.refresh_token as string | undefined) ?? before.refreshToken;
    expect(await fitgate.store.users.delete(fitgate.tenant, before.userId)).toBe(true);

    const after = await signIn();
    expect(after.userId).toBe(before.userId);
    const refused = await token({ grant_type: 'refresh_token', refresh_token: leaked }).expect(400);
    expect(refused.body).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    // Refused again later, not only at its first use after the new sign-in.
    await token({ grant_type: 'refresh_token', refresh_token: leaked }).expect(400);

    const renewed = await token({ grant_type: 'refresh_token', refresh_token: after.refreshToken }).expect(200);
    const next = (renewed.body.refresh_token as string | undefined) ?? after.refreshToken;
    await token({ grant_type: 'refresh_token', refresh_token: next }).expect(200);
  });
});
