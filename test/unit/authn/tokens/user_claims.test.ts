import { describe, expect, it } from '@jest/globals';
import { userClaimsForScopes } from '../../../../src/authn/tokens/user_claims.js';
import type { User } from '../../../../src/domain/types.js';

const user: User = {
  tenant: 'acme',
  userId: 'fitbit|GGNJL9',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  nickname: 'ada',
  givenName: 'Ada',
  picture: 'https://static.example/ada.png',
  identities: [],
  loginsCount: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('claims released by scope', () => {
  it('releases nothing for openid alone', () => {
    expect(userClaimsForScopes(user, ['openid'])).toEqual({});
  });

  it('releases the profile claims it has, with updated_at as Auth0 sends it (an ISO 8601 string), for profile', () => {
    expect(userClaimsForScopes(user, ['openid', 'profile'])).toEqual({
      name: 'Ada Lovelace',
      nickname: 'ada',
      given_name: 'Ada',
      picture: 'https://static.example/ada.png',
      updated_at: '2026-11-20T10:00:00.000Z',
    });
  });

  // Code written against Auth0 reads it with new Date(updated_at): a number of seconds would be 1970.
  it('gives an updated_at that new Date() reads as the time of the last update', () => {
    const { updated_at } = userClaimsForScopes(user, ['profile']);
    expect(typeof updated_at).toBe('string');
    expect(new Date(updated_at as string).toISOString()).toBe(user.updatedAt);
  });

  it('leaves updated_at out when the record holds no readable time', () => {
    expect(userClaimsForScopes({ ...user, updatedAt: 'not a date' }, ['profile'])).not.toHaveProperty('updated_at');
  });

  it('releases email with email_verified false unless the upstream verified it, for email', () => {
    expect(userClaimsForScopes(user, ['email'])).toEqual({ email: 'ada@example.com', email_verified: false });
    expect(userClaimsForScopes({ ...user, emailVerified: true }, ['email'])).toEqual({ email: 'ada@example.com', email_verified: true });
  });

  it('releases no email claims for a user without an email', () => {
    const { email: _email, ...withoutEmail } = user;
    expect(userClaimsForScopes(withoutEmail, ['email'])).toEqual({});
  });
});
