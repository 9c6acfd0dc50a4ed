import { describe, expect, it } from '@jest/globals';
import { describeLogin, type LoginWording } from '../../../../../src/authn/login/callback/describe_login.js';
import type { LoginResult } from '../../../../../src/domain/users.js';
import type { Identity, Sealed, User } from '../../../../../src/domain/types.js';

const user = { tenant: 'acme', userId: 'acme|u1' } as User;
const names: Record<string, string> = { 'acme-v1': 'Acme API v1', 'acme-v2': 'Acme API v2' };
const wording: LoginWording = { apiName: (api) => names[api] ?? api, noRefreshToken: 'Acme sends none to a returning user.' };
const sealed = (value: string) => value as Sealed;
const identity = { tokens: { accessToken: sealed('at'), refreshToken: sealed('rt'), expiresAt: 0 } } as Identity;
const unrefreshable = { tokens: { accessToken: sealed('at'), expiresAt: 0 } } as Identity;

describe("the success event's description", () => {
  it('names both APIs of a migration as the plugin does, and whether the legacy token was revoked', () => {
    const migrated: LoginResult = { user, identity, created: false, migration: { legacyUserId: 'OLD1', fromApi: 'acme-v1', toApi: 'acme-v2' } };
    expect(describeLogin(migrated, true, wording)).toBe('Successful login; moved from the Acme API v1 to the Acme API v2 (legacy token revoked)');
    expect(describeLogin(migrated, false, wording)).toBe('Successful login; moved from the Acme API v1 to the Acme API v2 (legacy token not revoked)');
  });

  it('says whether the user is new, and names no upstream otherwise', () => {
    expect(describeLogin({ user, identity, created: true }, false, wording)).toBe('Successful login; new user');
    expect(describeLogin({ user, identity, created: false }, false, wording)).toBe('Successful login');
  });

  it('adds the upstream’s sentence when the identity stored holds no refresh token', () => {
    expect(describeLogin({ user, identity: unrefreshable, created: false }, false, wording)).toBe(
      'Successful login; no refresh token came back. Acme sends none to a returning user.',
    );
    expect(describeLogin({ user, identity: unrefreshable, created: true }, false, wording)).toBe(
      'Successful login; new user; no refresh token came back. Acme sends none to a returning user.',
    );
  });
});
