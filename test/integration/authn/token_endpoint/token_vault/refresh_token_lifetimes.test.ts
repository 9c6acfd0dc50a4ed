import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { RefreshTokenRecord } from '../../../../../src/authn/tokens/refresh_tokens.js';
import type { RefreshTokenPolicy, User } from '../../../../../src/domain/types.js';
import { addVaultApp, exchange, refreshTokenFor, withPolicy, type VaultApp } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator, type ManagementHarness } from '../../../management/harness.js';

const NO_TOKEN = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };
const HOUR = 3600;
const LONG: RefreshTokenPolicy = { rotationType: 'non-rotating', expirationType: 'non-expiring', leewaySeconds: 0 };

const storageKey = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A refresh token of `app` for `user` from a login `loginAgo` seconds back, last used `usedAgo` seconds back. */
function issuedEarlier(harness: ManagementHarness, app: VaultApp, user: User, loginAgo: number, usedAgo: number): Promise<string> {
  return refreshTokenFor(harness, app, user, { loginAgo, usedAgo, policy: LONG });
}

/**
 * The Token Vault exchange holds the refresh token to the application's lifetimes as they are now,
 * as a refresh does (a policy shortened since issue applies at once): past its absolute lifetime
 * (from the login) or its idle lifetime (from its last refresh) it is refused. An exchange only reads
 * the token, so it does not restart the idle lifetime: only refreshing keeps a token alive.
 */
describe('the Token Vault exchange under the refresh token lifetimes', () => {
  let alice: User;
  const { harness } = useHarnessWithEmulator('token-vault-lifetimes', {}, async (started) => {
    alice = await started.seedUser('alice');
  });

  it('refuses a token past its absolute lifetime under the policy now in force', async () => {
    const app = await addVaultApp(harness);
    const token = await issuedEarlier(harness, app, alice, 2 * 24 * HOUR, 60);
    await exchange(harness, app, { subject_token: token }).expect(200);
    const shortened = await withPolicy(harness, app, { ...LONG, expirationType: 'expiring', tokenLifetimeSeconds: 24 * HOUR });
    expect((await exchange(harness, shortened, { subject_token: token }).expect(400)).body).toEqual(NO_TOKEN);
  });

  it('refuses a token idle for longer than the idle lifetime now in force', async () => {
    const app = await addVaultApp(harness);
    const token = await issuedEarlier(harness, app, alice, 3 * HOUR, 2 * HOUR);
    const shortened = await withPolicy(harness, app, { ...LONG, expirationType: 'expiring', idleTokenLifetimeSeconds: HOUR });
    expect((await exchange(harness, shortened, { subject_token: token }).expect(400)).body).toEqual(NO_TOKEN);
  });

  it('does not restart the idle lifetime', async () => {
    const app = await withPolicy(harness, await addVaultApp(harness), { ...LONG, expirationType: 'expiring', idleTokenLifetimeSeconds: 2 * HOUR });
    const token = await issuedEarlier(harness, app, alice, HOUR, HOUR);
    const before = await harness.store.ephemeral.get<RefreshTokenRecord>('refresh_token', storageKey(token));

    await exchange(harness, app, { subject_token: token }).expect(200);

    const after = await harness.store.ephemeral.get<RefreshTokenRecord>('refresh_token', storageKey(token));
    expect(after).toEqual(before);
  });
});
