import { describe, expect, it } from '@jest/globals';
import { describeLogin } from '../../../../../src/authn/login/callback/describe_login.js';
import type { LoginResult } from '../../../../../src/domain/users.js';
import type { User } from '../../../../../src/domain/types.js';

const user = { tenant: 'acme', userId: 'acme|u1' } as User;
const names: Record<string, string> = { 'acme-v1': 'Acme API v1', 'acme-v2': 'Acme API v2' };
const apiName = (api: string) => names[api] ?? api;

describe("the success event's description", () => {
  it('names both APIs of a migration as the plugin does, and whether the legacy token was revoked', () => {
    const migrated: LoginResult = { user, created: false, migration: { legacyUserId: 'OLD1', fromApi: 'acme-v1', toApi: 'acme-v2' } };
    expect(describeLogin(migrated, true, apiName)).toBe('Successful login; moved from the Acme API v1 to the Acme API v2 (legacy token revoked)');
    expect(describeLogin(migrated, false, apiName)).toBe('Successful login; moved from the Acme API v1 to the Acme API v2 (legacy token not revoked)');
  });

  it('says whether the user is new, and names no upstream otherwise', () => {
    expect(describeLogin({ user, created: true }, false, apiName)).toBe('Successful login; new user');
    expect(describeLogin({ user, created: false }, false, apiName)).toBe('Successful login');
  });
});
