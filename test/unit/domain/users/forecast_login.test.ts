import { describe, expect, it } from '@jest/globals';
import { forecastLogin, recordLogin, successReasonOf } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aGoogleLogin, aLogin, testSealer } from './login_fixtures.js';

/** forecastLogin says what recordLogin would do with a login, in its own terms, and writes nothing. */
describe('forecastLogin', () => {
  it('agrees with recordLogin on a first login, a migration and a later login', async () => {
    const users = memoryUsers();
    const steps = [aLogin(), aGoogleLogin(), aGoogleLogin({ now: new Date('2026-11-22T00:00:00.000Z') })];
    const said: unknown[] = [];
    for (const login of steps) {
      const forecast = await forecastLogin(users, login);
      const result = await recordLogin({ users, sealer: testSealer }, login);
      expect(forecast.userId).toBe(result.user.userId);
      expect(forecast.created).toBe(result.created);
      expect(forecast.migration).toEqual(result.migration && { legacyUserId: result.migration.legacyUserId, fromApi: result.migration.fromApi, toApi: result.migration.toApi });
      said.push(successReasonOf(forecast));
    }
    expect(said).toEqual(['new_user', 'migrated_from_legacy', 'existing_user']);
  });

  it('writes nothing and says when the user is blocked', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin());
    const stored = (await users.get('acme', 'fitbit|GGNJL9'))!;
    await users.update({ ...stored, blocked: true });
    const before = structuredClone(users.all());
    const forecast = await forecastLogin(users, aGoogleLogin());
    expect(forecast).toMatchObject({ userId: 'fitbit|GGNJL9', created: false, blocked: true });
    expect(users.all()).toEqual(before);
  });
});
