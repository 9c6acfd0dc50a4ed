import { describe, expect, it } from '@jest/globals';
import { revokeRefreshToken } from '../../../../../src/authn/tokens/refresh_tokens.js';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import type { User } from '../../../../../src/domain/types.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

const NO_TOKEN = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

/**
 * What the Token Vault exchange refuses about whose token is asked for: only a live refresh token of
 * the client itself proves the user's grant (another client's, a revoked or a made-up one is Auth0's
 * invalid_grant for any unusable refresh token); the connection must be enabled for the client (a
 * connection that does not exist is answered alike, as /authorize does); and the user must have an
 * identity there, the one login_hint names when sent. No refusal hands out an upstream token.
 */
describe('the Token Vault exchange refuses the subject', () => {
  let alice: User;
  const { harness } = useHarnessWithEmulator('token-vault-subject', {}, async (started) => {
    alice = await started.seedUser('alice');
  });

  it("refuses another client's refresh token", async () => {
    const user = alice;
    const [owner, other] = [await addVaultApp(harness), await addVaultApp(harness)];
    const refreshToken = await refreshTokenFor(harness, owner, user);
    const response = await exchange(harness, other, { subject_token: refreshToken }).expect(400);
    expect(response.body).toEqual(NO_TOKEN);
  });

  it('refuses a revoked refresh token, and one never issued', async () => {
    const user = alice;
    const app = await addVaultApp(harness);
    const refreshToken = await refreshTokenFor(harness, app, user);
    await revokeRefreshToken(harness.store.ephemeral, harness.tenant.name, app.client.clientId, refreshToken);
    expect((await exchange(harness, app, { subject_token: refreshToken }).expect(400)).body).toEqual(NO_TOKEN);
    expect((await exchange(harness, app, { subject_token: 'not-a-refresh-token' }).expect(400)).body).toEqual(NO_TOKEN);
  });

  it('refuses a connection that does not exist, and one not enabled for the client, in the same words', async () => {
    const user = alice;
    const enabled = await addVaultApp(harness);
    const notEnabled = await addVaultApp(harness, { enabled: false });
    const unknown = await exchange(harness, enabled, { subject_token: await refreshTokenFor(harness, enabled, user), connection: 'google-oauth2' }).expect(400);
    expect(unknown.body).toEqual({ error: 'invalid_request', error_description: 'The connection "google-oauth2" is not enabled for this application.' });
    const disabled = await exchange(harness, notEnabled, { subject_token: await refreshTokenFor(harness, notEnabled, user) }).expect(400);
    expect(disabled.body).toEqual({ error: 'invalid_request', error_description: 'The connection "fitbit" is not enabled for this application.' });
  });

  it('refuses a user without an identity on the connection, or without the one login_hint names', async () => {
    const app = await addVaultApp(harness);
    const stored = (await harness.store.users.get(alice.tenant, alice.userId))!;
    const bare = { ...stored, userId: 'auth0|no-identity', identities: [] };
    await harness.store.users.create(bare);

    const none = await exchange(harness, app, { subject_token: await refreshTokenFor(harness, app, bare) }).expect(400);
    expect(none.body).toEqual({ error: 'invalid_grant', error_description: 'The user has no identity on the connection "fitbit".' });
    const hinted = await exchange(harness, app, { subject_token: await refreshTokenFor(harness, app, alice), login_hint: 'SOMEONE' }).expect(400);
    expect(hinted.body).toEqual({ error: 'invalid_grant', error_description: 'The user has no identity named by the login_hint on the connection "fitbit".' });
    const own = await exchange(harness, app, { subject_token: await refreshTokenFor(harness, app, alice), login_hint: alice.identities[0]!.userId }).expect(200);
    expect(own.body.access_token).toBe(harness.deps[0]!.sealer.open(alice.identities[0]!.tokens!.accessToken));
  });
});
