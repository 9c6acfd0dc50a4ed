import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { loginOfTry, withSuccess } from '../../../../src/dashboard/try/try_report.js';
import { recordLogin, forecastLogin } from '../../../../src/domain/users.js';
import type { Sealed } from '../../../../src/domain/types.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { startedTry, triedConnection, TRY_WORDING } from '../../../support/try_report_inputs.js';

const sealer = { seal: (plaintext: string) => `sealed:${plaintext}` as Sealed, open: (sealed: string) => sealed.replace(/^sealed:/, '') };
const connection = triedConnection('acme-main', ['steps']);
const profile: PluginProfile = { provider: 'acme', id: 'athlete-7', displayName: 'ada', _json: { id: 'athlete-7' }, _raw: '{"id":"athlete-7"}' };
const withRefresh: PluginTokens = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 3600, grantedScopes: ['steps'] };
const withoutRefresh: PluginTokens = { accessToken: 'access-2', expiresIn: 3600, grantedScopes: ['steps'] };

/**
 * TRY warns that a login would store an identity it cannot refresh only when the login would: for a
 * returning user of the same API, the login keeps the refresh token stored before, so an answer
 * without one is no such login (its event says nothing either: describe_login.ts).
 */
describe('a TRY whose answer brings no refresh token', () => {
  it('warns for a first login, and not for a returning user who keeps a stored refresh token', async () => {
    const users = memoryUsers();
    const first = await forecastLogin(users, loginOfTry({ tokens: withoutRefresh, profile }, connection));
    expect(withSuccess(startedTry(['steps']), { tokens: withoutRefresh, profile }, connection, TRY_WORDING, first).success?.noRefreshToken).toBe(TRY_WORDING.noRefreshToken);

    await recordLogin({ users, sealer }, loginOfTry({ tokens: withRefresh, profile }, connection));
    const returning = await forecastLogin(users, loginOfTry({ tokens: withoutRefresh, profile }, connection));
    expect(withSuccess(startedTry(['steps']), { tokens: withoutRefresh, profile }, connection, TRY_WORDING, returning).success).not.toHaveProperty('noRefreshToken');
  });
});
