import { describe, expect, it } from '@jest/globals';
import { refreshable } from '../../../../src/domain/refreshable.js';
import { forecastLogin, recordLogin } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aGoogleLogin, aLogin, testSealer } from './login_fixtures.js';

const without = <Login extends { tokens: { refreshToken?: string } }>(login: Login): Login => {
  const { refreshToken: _dropped, ...tokens } = login.tokens;
  return { ...login, tokens };
};

/**
 * Whether the identity a login stores can be refreshed, forecast as recordLogin decides it: a
 * returning user of the same API keeps the refresh token it holds when none comes back (Google sends
 * one only on a consent); a first login, or a move from the previous API, keeps none. TRY's report
 * reads the forecast, a login's event the stored identity: they must agree.
 */
describe('forecastLogin: whether the stored identity can be refreshed', () => {
  it('agrees with the identity recordLogin stores, login by login', async () => {
    const users = memoryUsers();
    const steps = [
      without(aLogin()),
      aLogin({ now: new Date('2026-11-20T11:00:00.000Z') }),
      without(aLogin({ now: new Date('2026-11-20T12:00:00.000Z') })),
      without(aGoogleLogin()),
    ];
    const forecasts: boolean[] = [];
    for (const login of steps) {
      const forecast = await forecastLogin(users, login);
      const result = await recordLogin({ users, sealer: testSealer }, login);
      expect(forecast.refreshable).toBe(refreshable(result.identity));
      forecasts.push(forecast.refreshable);
    }
    // A first login without one; one that brings one; a returning one that keeps it; a move that cannot.
    expect(forecasts).toEqual([false, true, true, false]);
  });
});
