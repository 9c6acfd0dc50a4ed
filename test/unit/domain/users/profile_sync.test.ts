import { describe, expect, it } from '@jest/globals';
import { recordLogin } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aLogin, testSealer } from './login_fixtures.js';

const renamed = { name: 'Ada King', givenName: 'Ada', familyName: 'King' };

describe('profile sync', () => {
  it('refreshes the root profile at every login with on_each_login', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const { user } = await recordLogin({ users, sealer: testSealer }, aLogin({ profile: renamed }));
    expect(user).toMatchObject(renamed);
    expect(user.picture).toBeUndefined();
  });

  it('keeps the first login\'s root profile with on_first_login, while the identity\'s profile data follows the upstream', async () => {
    const users = memoryUsers();
    const firstOnly = { name: 'fitbit', strategy: 'fitbit', options: { api: 'fitbit-legacy' as const, profileSync: 'on_first_login' as const } };
    await recordLogin({ users, sealer: testSealer }, aLogin({ connection: firstOnly }));
    const { user } = await recordLogin(
      { users, sealer: testSealer },
      aLogin({ connection: firstOnly, profile: renamed, profileData: { displayName: 'Ada King' } }),
    );
    expect(user.name).toBe('Ada Lovelace');
    expect(user.familyName).toBe('Lovelace');
    expect(user.identities[0]?.profileData).toEqual({ displayName: 'Ada King' });
  });
});
