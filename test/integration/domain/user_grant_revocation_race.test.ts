import { expect, it } from '@jest/globals';
import { revokeUserGrant } from '../../../src/domain/user_grant_revocation.js';
import { consentGrantIdOf, withGrant } from '../../../src/domain/user_grants.js';
import { updateUser } from '../../../src/domain/user_updates.js';
import { describeEachStore } from '../../support/stores.js';
import { tenantRecord, userRecord } from '../store/records.js';

const ROUNDS = 10;

/**
 * One grant revoked from two processes at once (the dashboard's Revoke in one worker, DELETE
 * /api/v2/grants in another): exactly one of them finds it, so exactly one says it revoked it and is
 * logged; the other finds it gone. Each round is a new grant, raced from two store handles.
 */
describeEachStore('one user grant revoked from two processes at once', (harness) => {
  it(`lets exactly one of the two revocations find the grant, ${ROUNDS} rounds`, async () => {
    const store = harness.store();
    const other = await harness.testStore().reopen();
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const user = userRecord(tenant.name);
    await store.users.create(user);

    for (let round = 0; round < ROUNDS; round += 1) {
      const granted = await updateUser(store.users, tenant.name, user.userId, (current) => withGrant(current, `partner-${round}`, ['openid'], new Date()));
      const grantId = consentGrantIdOf(granted, `partner-${round}`)!;

      const results = await Promise.all([revokeUserGrant(store.users, tenant.name, grantId), revokeUserGrant(other.users, tenant.name, grantId)]);

      expect(results.filter((result) => result !== undefined)).toEqual([{ userId: user.userId, grant: expect.objectContaining({ clientId: `partner-${round}` }) }]);
      expect((await store.users.get(tenant.name, user.userId))?.grants ?? []).toEqual([]);
    }
  });

  it('finds no grant for an id naming no user of the tenant, or a user that holds none', async () => {
    const store = harness.store();
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const user = userRecord(tenant.name);
    await store.users.create(user);
    const granted = withGrant(user, 'partner', ['openid'], new Date());
    const grantId = consentGrantIdOf(granted, 'partner')!;

    expect(await revokeUserGrant(store.users, tenant.name, grantId)).toBeUndefined();
    expect(await revokeUserGrant(store.users, 'no-such-tenant', grantId)).toBeUndefined();
    expect(await revokeUserGrant(store.users, tenant.name, 'not-a-grant-id')).toBeUndefined();
  });
});
