import { expect, it } from '@jest/globals';
import { forecastLogin, recordLogin } from '../../../src/domain/users.js';
import { describeEachStore } from '../../support/stores.js';
import { aGoogleLogin, aLogin, testSealer } from '../../unit/domain/users/login_fixtures.js';

/**
 * TRY's forecast of the user a login keeps (forecastLogin) reads the tenant of the connection tried,
 * in the store itself: an admin of one tenant who tries an account that signed in at another tenant,
 * through a connection of the same name, directly or through the upstream's previous id, learns
 * nothing of that tenant's user (it is a first login here).
 */
describeEachStore('forecastLogin across tenants', (harness) => {
  it('never finds the user of another tenant, by the upstream id or by the previous one', async () => {
    const { users } = harness.store();
    await recordLogin({ users, sealer: testSealer }, aLogin({ tenant: 'other' }));
    await recordLogin({ users, sealer: testSealer }, aGoogleLogin({ tenant: 'other', upstreamUserId: 'health-other' }));

    // There, the same account is the user the logins made.
    expect(await forecastLogin(users, aGoogleLogin({ tenant: 'other', upstreamUserId: 'health-other' }))).toMatchObject({ userId: 'fitbit|GGNJL9', created: false });

    const direct = await forecastLogin(users, aLogin({ tenant: 'acme' }));
    expect(direct).toEqual({ userId: 'fitbit|GGNJL9', created: true, refreshable: true });
    const throughPrevious = await forecastLogin(users, aGoogleLogin({ tenant: 'acme' }));
    expect(throughPrevious).toEqual({ userId: 'fitbit|health-7f3a', created: true, refreshable: true });
    expect(await users.count('acme')).toBe(0);
  });
});
