import { describe, expect, it } from '@jest/globals';
import { recordLogin } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aLogin, testSealer } from './login_fixtures.js';

describe('recordLogin', () => {
  it('creates fitbit|<id> with a connected social identity holding sealed tokens and granted scopes', async () => {
    const users = memoryUsers();
    const { user, created } = await recordLogin({ users, sealer: testSealer }, aLogin());
    expect(created).toBe(true);
    expect(user).toMatchObject({
      tenant: 'acme',
      userId: 'fitbit|GGNJL9',
      name: 'Ada Lovelace',
      loginsCount: 1,
      lastLogin: '2026-11-20T10:00:00.000Z',
      lastIp: '203.0.113.7',
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    expect(user.identities).toEqual([
      expect.objectContaining({
        provider: 'fitbit',
        connection: 'fitbit',
        userId: 'GGNJL9',
        isSocial: true,
        api: 'fitbit-legacy',
        grantedScopes: ['activity', 'profile'],
        status: 'connected',
        tokens: { accessToken: 'sealed:legacy-access', refreshToken: 'sealed:legacy-refresh', expiresAt: Date.parse('2026-11-20T18:00:00.000Z') },
      }),
    ]);
    expect(users.all()).toEqual([user]);
  });

  it('counts later logins and records their time and IP without changing createdAt', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { user, created } = await recordLogin(
      { users, sealer: testSealer },
      aLogin({ now: new Date('2026-11-21T08:00:00.000Z'), ip: '198.51.100.2', tokens: { accessToken: 'a2', refreshToken: 'r2', expiresIn: 60, grantedScopes: ['profile'] } }),
    );
    expect(created).toBe(false);
    expect(user).toMatchObject({ loginsCount: 2, lastLogin: '2026-11-21T08:00:00.000Z', lastIp: '198.51.100.2', createdAt: '2026-11-20T10:00:00.000Z' });
    expect(user.identities[0]?.tokens?.accessToken).toBe('sealed:a2');
    expect(user.identities[0]?.grantedScopes).toEqual(['profile']);
  });

  it('keeps the stored refresh token when a login of the same API brings none', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { user } = await recordLogin({ users, sealer: testSealer }, aLogin({ tokens: { accessToken: 'a2', expiresIn: 60, grantedScopes: [] } }));
    expect(user.identities[0]?.tokens?.refreshToken).toBe('sealed:legacy-refresh');
  });

  it('sets an identity that needed reauthorization back to connected', async () => {
    const users = memoryUsers();
    const { user: first } = await recordLogin({ users, sealer: testSealer }, aLogin());
    await users.update({
      ...first,
      identities: first.identities.map((identity) => ({ ...identity, status: 'needs_reauthorization' as const, statusReason: 'refresh token revoked' })),
    });
    const { user } = await recordLogin({ users, sealer: testSealer }, aLogin({ now: new Date('2026-11-22T00:00:00.000Z') }));
    expect(user.identities[0]?.status).toBe('connected');
    expect(user.identities[0]?.statusReason).toBeUndefined();
    expect(user.identities[0]?.statusChangedAt).toBe('2026-11-22T00:00:00.000Z');
  });
});
