import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refresh, refreshTokenFor, withPolicy, type VaultApp } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator, type ManagementHarness } from '../../../management/harness.js';

const NO_TOKEN = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

async function rotatingApp(harness: ManagementHarness, leewaySeconds: number): Promise<VaultApp> {
  return withPolicy(harness, await addVaultApp(harness), { rotationType: 'rotating', expirationType: 'non-expiring', leewaySeconds });
}

/**
 * A rotated-out refresh token presented to the Token Vault exchange is judged as a refresh judges it
 * (RFC 9700 §4.14.2): after the policy's leeway it means two parties hold the family, so the whole
 * family is revoked, the live successor with it, and whoever rotated first (perhaps a thief) can no
 * longer exchange or refresh; within the leeway (two requests of the application racing) it is
 * honoured, as a refresh honours it.
 */
describe('the Token Vault exchange of a rotated-out refresh token', () => {
  const { harness } = useHarnessWithEmulator('token-vault-rotated');

  it('refuses it after the leeway and revokes its family', async () => {
    const user = await harness.seedUser('alice');
    const app = await rotatingApp(harness, 0);
    const stolen = await refreshTokenFor(harness, app, user);
    const successor = (await refresh(harness, app, stolen).expect(200)).body.refresh_token as string;

    const reused = await exchange(harness, app, { subject_token: stolen }).expect(400);
    expect(reused.body).toEqual(NO_TOKEN);
    expect((await exchange(harness, app, { subject_token: successor }).expect(400)).body).toEqual(NO_TOKEN);
    expect((await refresh(harness, app, successor).expect(400)).body).toEqual(NO_TOKEN);
  });

  it('honours it within the leeway, and the successor stays usable', async () => {
    const user = await harness.seedUser('bob');
    const app = await rotatingApp(harness, 30);
    const first = await refreshTokenFor(harness, app, user);
    const successor = (await refresh(harness, app, first).expect(200)).body.refresh_token as string;

    const racing = await exchange(harness, app, { subject_token: first }).expect(200);
    expect(racing.body.access_token).toEqual(expect.any(String));
    await exchange(harness, app, { subject_token: successor }).expect(200);
    await refresh(harness, app, successor).expect(200);
  });
});
