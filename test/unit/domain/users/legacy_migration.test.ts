import { describe, expect, it } from '@jest/globals';
import { recordLogin } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aGoogleLogin, aLogin, testSealer } from './login_fixtures.js';

describe('migration from legacy Fitbit to Google Health', () => {
  it('keeps the same user_id and records both upstream ids on the identity', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { user, created, migration } = await recordLogin({ users, sealer: testSealer }, aGoogleLogin());
    expect(created).toBe(false);
    expect(user.userId).toBe('fitbit|GGNJL9');
    expect(users.all()).toHaveLength(1);
    expect(user.identities).toEqual([
      expect.objectContaining({ userId: 'health-7f3a', legacyUserId: 'GGNJL9', api: 'google-health', status: 'connected' }),
    ]);
    expect(user.identities[0]?.tokens?.accessToken).toBe('sealed:google-access');
    expect(migration).toEqual({ legacyUserId: 'GGNJL9', legacyTokenRevoked: false });
  });

  it('revokes the legacy token only after the Google tokens are stored', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const seenAtRevocation: string[] = [];
    const { migration } = await recordLogin(
      {
        users,
        sealer: testSealer,
        revokeLegacyToken: async (token) => {
          const stored = await users.get('acme', 'fitbit|GGNJL9');
          seenAtRevocation.push(token, stored?.identities[0]?.tokens?.accessToken ?? 'none');
        },
      },
      aGoogleLogin(),
    );
    expect(seenAtRevocation).toEqual(['legacy-refresh', 'sealed:google-access']);
    expect(migration?.legacyTokenRevoked).toBe(true);
  });

  it('completes the login when revoking the legacy token fails, and reports the failure', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const failures: unknown[] = [];
    const { user, migration } = await recordLogin(
      {
        users,
        sealer: testSealer,
        revokeLegacyToken: async () => {
          throw new Error('410 Gone');
        },
        onLegacyRevokeFailure: (error) => failures.push(error),
      },
      aGoogleLogin(),
    );
    expect(user.identities[0]?.api).toBe('google-health');
    expect(migration?.legacyTokenRevoked).toBe(false);
    expect(failures).toEqual([new Error('410 Gone')]);
  });

  it('finds the migrated user again by its Google Health id without migrating twice', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    await recordLogin({ users, sealer: testSealer }, aGoogleLogin());
    let revocations = 0;
    const { user, migration } = await recordLogin(
      { users, sealer: testSealer, revokeLegacyToken: async () => void revocations++ },
      aGoogleLogin({ now: new Date('2026-11-22T00:00:00.000Z') }),
    );
    expect(user.userId).toBe('fitbit|GGNJL9');
    expect(user.loginsCount).toBe(3);
    expect(migration).toBeUndefined();
    expect(revocations).toBe(0);
  });

  it('creates a new user named after the Google Health id when no legacy user exists', async () => {
    const users = memoryUsers();
    const { user, created } = await recordLogin({ users, sealer: testSealer }, aGoogleLogin());
    expect(created).toBe(true);
    expect(user.userId).toBe('fitbit|health-7f3a');
    expect(user.identities[0]).toMatchObject({ userId: 'health-7f3a', legacyUserId: 'GGNJL9' });
  });

  it('does not drop the stored legacy refresh token into the Google identity', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { user } = await recordLogin(
      { users, sealer: testSealer },
      aGoogleLogin({ tokens: { accessToken: 'google-access', expiresIn: 3599, grantedScopes: [] } }),
    );
    expect(user.identities[0]?.tokens?.refreshToken).toBeUndefined();
  });
});
