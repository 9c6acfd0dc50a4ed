import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('authorization codes refused at /oauth/token', (harness) => {
  const backChannel = useBackChannel(harness);

  async function setup(pkce = false) {
    const bc = backChannel();
    const confidential = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({
      clientId: confidential.client.clientId,
      userId: user.userId,
      ...(pkce ? { codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' as const } : {}),
    });
    return { bc, code, auth: basicAuth(confidential.client.clientId, confidential.secret) };
  }

  it('refuses a redirect_uri that differs from the authorization request, even by a trailing slash', async () => {
    const { bc, code, auth } = await setup();
    const response = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: `${CALLBACK}/` }, auth).expect(400);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('refuses an exchange without redirect_uri', async () => {
    const { bc, code, auth } = await setup();
    const response = await bc.token({ grant_type: 'authorization_code', code }, auth).expect(400);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('refuses a wrong code_verifier and an absent one for a code issued with a challenge', async () => {
    const first = await setup(true);
    const wrong = await first.bc
      .token({ grant_type: 'authorization_code', code: first.code, redirect_uri: CALLBACK, code_verifier: VERIFIER.replace(/.$/, 'Z') }, first.auth)
      .expect(400);
    expect(wrong.body.error).toBe('invalid_grant');

    const second = await setup(true);
    const absent = await second.bc.token({ grant_type: 'authorization_code', code: second.code, redirect_uri: CALLBACK }, second.auth).expect(400);
    expect(absent.body.error).toBe('invalid_grant');
  });

  it('refuses a code issued to another client of the same tenant, without spending it', async () => {
    const { bc, code, auth } = await setup();
    const other = await bc.addClient({ name: 'Other' });
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(other.client.clientId, other.secret))
      .expect(400);
    expect(response.body.error).toBe('invalid_grant');
    await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
  });

  it('refuses a code whose lifetime in the store is over', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId }, 1);
    const deadline = Date.now() + 10_000;
    while ((await bc.store.ephemeral.get('authorization_code', code)) !== undefined) {
      if (Date.now() > deadline) throw new Error('the code did not expire within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(400);
    expect(response.body).toEqual({ error: 'invalid_grant', error_description: 'the authorization code is invalid or has expired' });
  });

  it('refuses an unknown code and a request without one', async () => {
    const { bc, auth } = await setup();
    const unknown = await bc.token({ grant_type: 'authorization_code', code: 'made-up', redirect_uri: CALLBACK }, auth).expect(400);
    expect(unknown.body.error).toBe('invalid_grant');
    const missing = await bc.token({ grant_type: 'authorization_code', redirect_uri: CALLBACK }, auth).expect(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  it('refuses a code whose user has been deleted since the login', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    await bc.store.users.delete(bc.tenant.name, user.userId);
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(400);
    expect(response.body.error).toBe('invalid_grant');
  });
});
