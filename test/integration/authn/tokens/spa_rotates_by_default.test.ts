import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';
import { createAppByManagementApi } from '../../../support/authn/management_created_app.js';

/**
 * A single-page (or native) application holds its refresh token where it can leak, so a new one
 * rotates with reuse detection and no reuse interval, as Auth0 advises for SPAs: a spent token
 * presented again ends the whole family, its successor included.
 */
describeEachStore('a single-page application created with defaults rotates its refresh tokens', (harness) => {
  const backChannel = useBackChannel(harness);

  it('replaces the token at each use and revokes the family when a spent one comes back', async () => {
    const bc = backChannel();
    const app = await createAppByManagementApi(bc, { name: 'React app', app_type: 'spa' });
    expect(app.json.refresh_token).toMatchObject({ rotation_type: 'rotating', expiration_type: 'expiring', leeway: 0 });
    expect(app.authorization).toBeUndefined();

    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: app.clientId, userId: user.userId, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
    const issued = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: VERIFIER, ...app.clientParams })
      .expect(200);
    const first = issued.body.refresh_token as string;

    const rotated = await bc.token({ grant_type: 'refresh_token', refresh_token: first, ...app.clientParams }).expect(200);
    const second = rotated.body.refresh_token as string;
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);

    const reused = await bc.token({ grant_type: 'refresh_token', refresh_token: first, ...app.clientParams }).expect(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    const successor = await bc.token({ grant_type: 'refresh_token', refresh_token: second, ...app.clientParams }).expect(400);
    expect(successor.body.error).toBe('invalid_grant');
  });
});
