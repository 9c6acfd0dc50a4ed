import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';

const REFUSED_BEFORE = 'the authorization code was already presented and refused; it cannot be used again: start a new login';
const REPLAYED = 'the authorization code was already used; the tokens issued from it are now revoked';

/**
 * A refused exchange spends the code (a verifier gets one guess), and no tokens come of it: the
 * code presented again is refused for that reason, not as a replay whose tokens were revoked.
 */
describeEachStore('an authorization code presented again after a refused exchange', (harness) => {
  const backChannel = useBackChannel(harness);

  async function aPkceCode() {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
    return { bc, auth: basicAuth(client.clientId, secret), params: { grant_type: 'authorization_code', code, redirect_uri: CALLBACK } };
  }

  it('says it was refused before, even with the right verifier, and claims no revoked tokens', async () => {
    const { bc, auth, params } = await aPkceCode();
    const wrong = await bc.token({ ...params, code_verifier: VERIFIER.replace(/.$/, 'Z') }, auth).expect(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const retried = await bc.token({ ...params, code_verifier: VERIFIER }, auth).expect(400);
    expect(retried.body).toEqual({ error: 'invalid_grant', error_description: REFUSED_BEFORE });
  });

  it('says the same after a refused redirect_uri', async () => {
    const { bc, auth, params } = await aPkceCode();
    await bc.token({ ...params, redirect_uri: `${CALLBACK}/other`, code_verifier: VERIFIER }, auth).expect(400);

    const retried = await bc.token({ ...params, code_verifier: VERIFIER }, auth).expect(400);
    expect(retried.body.error_description).toBe(REFUSED_BEFORE);
  });

  it('still calls a code that issued tokens a replay whose tokens are revoked', async () => {
    const { bc, auth, params } = await aPkceCode();
    await bc.token({ ...params, code_verifier: VERIFIER }, auth).expect(200);

    const replayed = await bc.token({ ...params, code_verifier: VERIFIER }, auth).expect(400);
    expect(replayed.body).toEqual({ error: 'invalid_grant', error_description: REPLAYED });
  });
});
