import { afterEach, expect, it, jest } from '@jest/globals';
import type { EphemeralKind } from '../../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';

/**
 * A request to /oauth/token that fails on fitgate's side answers 503 with a Retry-After that invites
 * the client to send it again; the code or refresh token it carried must still work for that retry,
 * or the user would have to sign in again for fitgate's hiccup. A request refused for itself (a
 * wrong PKCE verifier, a wrong redirect_uri) spends its code as before: a verifier gets one guess.
 */
describeEachStore('/oauth/token when an exchange fails on fitgate’s side', (harness) => {
  const backChannel = useBackChannel(harness);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function aCode(pkce = false) {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({
      clientId: client.clientId,
      userId: user.userId,
      ...(pkce ? { codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' as const } : {}),
    });
    return { bc, auth: basicAuth(client.clientId, secret), params: { grant_type: 'authorization_code', code, redirect_uri: CALLBACK } };
  }

  /** The next refresh token write fails as a store that stopped answering fails. */
  function failNextRefreshTokenWrite(bc: ReturnType<typeof backChannel>): void {
    const put = bc.store.ephemeral.put.bind(bc.store.ephemeral);
    jest.spyOn(bc.store.ephemeral, 'put').mockImplementationOnce(async (kind: EphemeralKind, ...rest) => {
      if (kind === 'refresh_token') throw new StoreUnavailableError();
      return put(kind, ...rest);
    });
  }

  it('keeps the code when the store fails while the tokens are issued, so the retry gets them', async () => {
    const { bc, auth, params } = await aCode();
    failNextRefreshTokenWrite(bc);

    const failed = await bc.token(params, auth).expect(503);
    expect(failed.body.error).toBe('temporarily_unavailable');
    expect(failed.headers['retry-after']).toBe('5');

    const retried = await bc.token(params, auth).expect(200);
    expect(retried.body).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String) });
    await bc.token({ grant_type: 'refresh_token', refresh_token: retried.body.refresh_token }, auth).expect(200);
  });

  it('spends the code on a refused exchange: a wrong PKCE verifier gets no second guess', async () => {
    const { bc, auth, params } = await aCode(true);
    const wrong = await bc.token({ ...params, code_verifier: VERIFIER.replace(/.$/, 'Z') }, auth).expect(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const right = await bc.token({ ...params, code_verifier: VERIFIER }, auth).expect(400);
    expect(right.body.error).toBe('invalid_grant');
  });

  it('spends the code on a wrong redirect_uri as well', async () => {
    const { bc, auth, params } = await aCode();
    await bc.token({ ...params, redirect_uri: `${CALLBACK}/other` }, auth).expect(400);
    const again = await bc.token(params, auth).expect(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('keeps a rotating refresh token when its successor cannot be stored, so the retry rotates it and the family lives', async () => {
    const { bc, auth, params } = await aCode();
    const issued = await bc.token(params, auth).expect(200);
    const refresh = { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string };
    failNextRefreshTokenWrite(bc);

    const failed = await bc.token(refresh, auth).expect(503);
    expect(failed.body.error).toBe('temporarily_unavailable');

    const retried = await bc.token(refresh, auth).expect(200);
    expect(retried.body.refresh_token).toEqual(expect.any(String));
    expect(retried.body.refresh_token).not.toBe(refresh.refresh_token);
    await bc.token({ grant_type: 'refresh_token', refresh_token: retried.body.refresh_token }, auth).expect(200);
  });
});
