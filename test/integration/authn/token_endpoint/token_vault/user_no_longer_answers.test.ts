import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

let admin: string;

/**
 * The Token Vault exchange judges the refresh token's user as a refresh does, at each exchange: a
 * user blocked since is refused ("user is blocked"), a deleted one too, and a deleted user who signed
 * up again under the same id (the same upstream account) is a new user, whose upstream token the old
 * grant's refresh token must not get. None of them gets an upstream token.
 */
describe("the Token Vault exchange when the token's user no longer answers for it", () => {
  const { harness } = useHarnessWithEmulator('token-vault-user-gone', {}, async (started) => {
    admin = await started.tokenWith(['read:users', 'update:users', 'delete:users']);
  });

  it('refuses a user blocked since the login, and serves them again once unblocked', async () => {
    const user = await harness.seedUser('alice');
    const app = await addVaultApp(harness);
    const token = await refreshTokenFor(harness, app, user);
    const path = `/users/${encodeURIComponent(user.userId)}`;

    await harness.call('patch', path, admin, { blocked: true }).expect(200);
    const blocked = await exchange(harness, app, { subject_token: token }).expect(400);
    expect(blocked.body).toEqual({ error: 'invalid_grant', error_description: 'user is blocked' });

    await harness.call('patch', path, admin, { blocked: false }).expect(200);
    await exchange(harness, app, { subject_token: token }).expect(200);
  });

  it('refuses a deleted user, and the same id signed up again', async () => {
    const user = await harness.seedUser('bob');
    const app = await addVaultApp(harness);
    const token = await refreshTokenFor(harness, app, user);

    await harness.call('delete', `/users/${encodeURIComponent(user.userId)}`, admin).expect(204);
    const deleted = await exchange(harness, app, { subject_token: token }).expect(400);
    expect(deleted.body.error).toBe('invalid_grant');
    expect(deleted.body).not.toHaveProperty('access_token');

    const again = await harness.seedUser('bob');
    expect(again.userId).toBe(user.userId);
    const earlier = await exchange(harness, app, { subject_token: token }).expect(400);
    expect(earlier.body).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    await exchange(harness, app, { subject_token: await refreshTokenFor(harness, app, again) }).expect(200);
  });
});
