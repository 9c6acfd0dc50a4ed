import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * Each Token Vault exchange is in the tenant's log with Auth0's codes for it: `seta` with the client,
 * the user and the connection, `feta` with the reason of a refusal; neither carries the refresh token
 * presented nor the upstream token handed out.
 */
describe('the Token Vault exchange in the tenant log', () => {
  const { harness } = useHarnessWithEmulator('token-vault-log');

  it('logs seta and feta, with no token in either', async () => {
    const user = await harness.seedUser('alice');
    const app = await addVaultApp(harness);
    const refreshToken = await refreshTokenFor(harness, app, user);
    const answered = await exchange(harness, app, { subject_token: refreshToken }).expect(200);
    await exchange(harness, app, { subject_token: refreshToken, connection: 'google-oauth2' }).expect(400);

    const success = await harness.store.logs.list(harness.tenant.name, { page: 0, perPage: 50, type: 'seta' });
    expect(success.items).toEqual([expect.objectContaining({ clientId: app.client.clientId, userId: user.userId, connection: 'fitbit' })]);
    const failure = await harness.store.logs.list(harness.tenant.name, { page: 0, perPage: 50, type: 'feta' });
    expect(failure.items).toEqual([expect.objectContaining({ clientId: app.client.clientId, description: 'The connection "google-oauth2" is not enabled for this application.' })]);
    const logged = JSON.stringify([success.items, failure.items]);
    expect(logged).not.toContain(refreshToken);
    expect(logged).not.toContain(answered.body.access_token as string);
  });
});
