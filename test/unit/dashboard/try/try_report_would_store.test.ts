import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { withSuccess } from '../../../../src/dashboard/try/try_report.js';
import { toUpstreamLogin, userIdOf } from '../../../../src/domain/upstream_login.js';
import { startedTry, triedConnection, TRY_WORDING } from '../../../support/try_report_inputs.js';

const connection = triedConnection('acme-main', ['steps']);
const started = startedTry(['steps']);
const tokens: PluginTokens = { accessToken: 'access-7c1e', refreshToken: 'refresh-9d2f', expiresIn: 3600, grantedScopes: ['steps'] };
const profile: PluginProfile = {
  provider: 'acme',
  id: 'athlete-7',
  displayName: 'ada',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', verified: true }],
  photos: [{ value: 'javascript:alert(1)' }],
  _json: { id: 'athlete-7' },
  _raw: '{"id":"athlete-7"}',
};

/** TRY's "What a login would store": built by the login's own mapping, not read off the plugin's profile. */
describe('what a TRY says a login would store', () => {
  it('is the user_id and root attributes a login through the same answer records, with the picture a login drops dropped', () => {
    const login = toUpstreamLogin({ tokens, profile }, connection, undefined, new Date());
    const { wouldStore } = withSuccess(started, { tokens, profile }, connection, TRY_WORDING).success ?? {};
    expect(wouldStore).toEqual({ userId: userIdOf(login), profile: { name: 'Ada Lovelace', nickname: 'ada', email: 'ada@example.com' } });
    expect(wouldStore?.userId).toBe('acme|athlete-7');
  });

  it('names the id at the previous API when the upstream gives one, since a user who signed in there keeps their user', () => {
    const withLegacy = { ...profile, legacyUserId: 'GGNJL9' };
    expect(withSuccess(started, { tokens, profile: withLegacy }, connection, TRY_WORDING).success?.wouldStore?.legacyUserId).toBe('GGNJL9');
    expect(withSuccess(started, { tokens, profile }, connection, TRY_WORDING).success?.wouldStore).not.toHaveProperty('legacyUserId');
  });

  it('says whether a refresh token came back, and holds no token', () => {
    const report = withSuccess(started, { tokens, profile }, connection, TRY_WORDING);
    expect(report.success?.noRefreshToken).toBeUndefined();
    const { refreshToken: _gone, ...withoutRefresh } = tokens;
    expect(withSuccess(started, { tokens: withoutRefresh, profile }, connection, TRY_WORDING).success?.noRefreshToken).toBe(TRY_WORDING.noRefreshToken);
    for (const secret of [tokens.accessToken, tokens.refreshToken!]) expect(JSON.stringify(report)).not.toContain(secret);
  });
});
