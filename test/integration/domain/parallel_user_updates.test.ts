import { expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { updateUser } from '../../../src/domain/user_updates.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore } from '../../support/stores.js';
import { tenantRecord, userRecord } from '../store/records.js';

const BURST = 50;

/**
 * A burst of writes to one user (a family sharing an account, a sync script logging in in parallel)
 * all succeed, and each counts once. Inside one process the writes take turns, so none is refused;
 * two processes (two store handles, each with its own turns) race each other and back off.
 */
describeEachStore('a burst of parallel updates of one user', (harness) => {
  async function aUser(store: Store): Promise<User> {
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const user = userRecord(tenant.name, { loginsCount: 0 });
    await store.users.create(user);
    return user;
  }

  /** The store's users, counting the writes they are asked for (a refused, stale write counts too). */
  function countingWrites(users: Store['users']): { users: Store['users']; writes: () => number } {
    let writes = 0;
    const counted = Object.create(users) as Store['users'];
    counted.update = (user) => {
      writes += 1;
      return users.update(user);
    };
    return { users: counted, writes: () => writes };
  }

  const countLogin = (users: Store['users'], user: User) =>
    updateUser(users, user.tenant, user.userId, (current) => ({ ...current, loginsCount: current.loginsCount + 1 }));

  it(`applies ${BURST} parallel updates from one process, each written once`, async () => {
    const store = harness.store();
    const user = await aUser(store);
    const { users, writes } = countingWrites(store.users);

    const results = await Promise.allSettled(Array.from({ length: BURST }, () => countLogin(users, user)));

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect((await store.users.get(user.tenant, user.userId))?.loginsCount).toBe(BURST);
    // Taking turns, no write was computed from a read another write had overtaken.
    expect(writes()).toBe(BURST);
  });

  it(`applies ${BURST} parallel updates split between two processes`, async () => {
    const store = harness.store();
    const other = await harness.testStore().reopen();
    const user = await aUser(store);

    const results = await Promise.allSettled(
      Array.from({ length: BURST }, (_, index) => countLogin(index % 2 === 0 ? store.users : other.users, user)),
    );

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect((await store.users.get(user.tenant, user.userId))?.loginsCount).toBe(BURST);
  });
});
