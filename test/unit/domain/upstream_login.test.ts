import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../src/connections/plugin.js';
import type { Connection } from '../../../src/domain/types.js';
import { toUpstreamLogin, userIdOf } from '../../../src/domain/upstream_login.js';

const connection = {
  tenant: 'acme',
  name: 'fitbit-main',
  strategy: 'fitbit',
  options: { api: 'google-health', scope: ['activity'], profileSync: 'on_each_login' },
} as unknown as Connection;
const tokens: PluginTokens = { accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, grantedScopes: ['activity'] };
const now = new Date('2026-11-21T10:00:00.000Z');

function profileWith(fields: Partial<PluginProfile>): PluginProfile {
  return { provider: 'fitbit', id: 'health-7f3a', _json: { healthUserId: 'health-7f3a' }, _raw: '{}', ...fields };
}

/** The one step from what an upstream vouched for to what a login records, shared by a login and TRY. */
describe('what a verified upstream login stores', () => {
  it('names the user by the strategy, not the connection, and the upstream id: the user_id a first login creates', () => {
    const login = toUpstreamLogin({ tokens, profile: profileWith({}) }, connection, undefined, now);
    expect(userIdOf(login)).toBe('fitbit|health-7f3a');
    expect(login).toMatchObject({ tenant: 'acme', upstreamUserId: 'health-7f3a', profileData: { healthUserId: 'health-7f3a' }, now });
  });

  it('takes the full name from the given and family names, the display name as nickname, and the first email', () => {
    const profile = profileWith({
      displayName: 'ada',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', verified: true }, { value: 'other@example.com' }],
    });
    expect(toUpstreamLogin({ tokens, profile }, connection, undefined, now).profile).toEqual({
      name: 'Ada Lovelace',
      nickname: 'ada',
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.com',
      emailVerified: true,
    });
  });

  it('falls back to the display name as the name and the given name as the nickname, and counts an email unverified unless said', () => {
    expect(toUpstreamLogin({ tokens, profile: profileWith({ displayName: 'Ada L.', emails: [{ value: 'ada@example.com' }] }) }, connection, undefined, now).profile).toEqual({
      name: 'Ada L.',
      nickname: 'Ada L.',
      email: 'ada@example.com',
      emailVerified: false,
    });
    expect(toUpstreamLogin({ tokens, profile: profileWith({ name: { givenName: 'Ada' } }) }, connection, undefined, now).profile).toEqual({
      name: 'Ada',
      nickname: 'Ada',
      givenName: 'Ada',
    });
  });

  it('keeps the previous API id, the tokens and the address only when there are some', () => {
    const withAll = toUpstreamLogin({ tokens, profile: profileWith({ legacyUserId: 'GGNJL9' }) }, connection, '203.0.113.7', now);
    expect(withAll).toMatchObject({ legacyUserId: 'GGNJL9', ip: '203.0.113.7', tokens });

    const { refreshToken: _none, ...withoutRefresh } = tokens;
    const bare = toUpstreamLogin({ tokens: withoutRefresh, profile: profileWith({}) }, connection, undefined, now);
    expect(bare).not.toHaveProperty('legacyUserId');
    expect(bare).not.toHaveProperty('ip');
    expect(bare.tokens).toEqual(withoutRefresh);
  });
});
