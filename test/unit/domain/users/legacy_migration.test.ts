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
    expect(migration).toEqual({ legacyUserId: 'GGNJL9', fromApi: 'fitbit-legacy', toApi: 'google-health', revoke: { api: 'fitbit-legacy', sealedTokens: { accessToken: 'sealed:legacy-access', refreshToken: 'sealed:legacy-refresh', expiresAt: Date.parse('2026-11-20T18:00:00.000Z') }, upstreamUserId: 'GGNJL9' } });
  });

  it('names the legacy token to revoke only once the Google tokens are stored', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { migration } = await recordLogin({ users, sealer: testSealer }, aGoogleLogin());
    const stored = await users.get('acme', 'fitbit|GGNJL9');
    expect(stored?.identities[0]?.tokens?.accessToken).toBe('sealed:google-access');
    expect(migration?.revoke).toEqual({ api: 'fitbit-legacy', sealedTokens: { accessToken: 'sealed:legacy-access', refreshToken: 'sealed:legacy-refresh', expiresAt: Date.parse('2026-11-20T18:00:00.000Z') }, upstreamUserId: 'GGNJL9' });
  });

  it('names no legacy token to revoke when saving the Google tokens fails', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const failingSave = {
      ...users,
      update: async () => {
        throw new Error('disk full');
      },
    };
    await expect(recordLogin({ users: failingSave, sealer: testSealer }, aGoogleLogin())).rejects.toThrow('disk full');
    const stored = await users.get('acme', 'fitbit|GGNJL9');
    expect(stored?.identities[0]?.api).toBe('fitbit-legacy');
  });

  it('finds the migrated user again by its Google Health id without migrating twice', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    await recordLogin({ users, sealer: testSealer }, aGoogleLogin());
    const { user, migration } = await recordLogin({ users, sealer: testSealer }, aGoogleLogin({ now: new Date('2026-11-22T00:00:00.000Z') }));
    expect(user.userId).toBe('fitbit|GGNJL9');
    expect(user.loginsCount).toBe(3);
    expect(migration).toBeUndefined();
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
