import { expect, it } from '@jest/globals';
import { UserBlockedError } from '../../../src/errors/index.js';
import type { Store } from '../../../src/store/store.js';
import type { User } from '../../../src/domain/types.js';
import { updateUser } from '../../../src/domain/user_updates.js';
import { recordLogin } from '../../../src/domain/users.js';
import { describeEachStore } from '../../support/stores.js';
import { aLogin, testSealer } from '../../unit/domain/users/login_fixtures.js';

/**
 * Writes to one user that race (a login, a block, a metadata PATCH) all count: a write computed
 * from a read another write has overtaken is refused by the store and made again from a new read.
 * Each race is made certain by running the other write between the first one's read and its write.
 */
describeEachStore('writes to one user that race', (harness) => {
  const tenantOf = () => `race-${Math.random().toString(36).slice(2, 10)}`;

  /** The store's users, with `meanwhile` run once, right after the first read of a user. */
  function withWriteAfterFirstRead(store: Store, meanwhile: () => Promise<unknown>): Store['users'] {
    let done = false;
    const users = Object.create(store.users) as Store['users'];
    const afterRead = async (found: User | undefined) => {
      if (!done) {
        done = true;
        await meanwhile();
      }
      return found;
    };
    users.get = async (tenant, userId) => afterRead(await store.users.get(tenant, userId));
    users.findByIdentity = async (tenant, connection, id) => afterRead(await store.users.findByIdentity(tenant, connection, id));
    return users;
  }

  it('keeps a block written while a login was between its read and its write, and refuses that login', async () => {
    const store = harness.store();
    const tenant = tenantOf();
    const { user } = await recordLogin({ users: store.users, sealer: testSealer }, aLogin({ tenant }));
    const block = () => updateUser(store.users, tenant, user.userId, (current) => ({ ...current, blocked: true }));
    const users = withWriteAfterFirstRead(store, block);

    await expect(recordLogin({ users, sealer: testSealer }, aLogin({ tenant }))).rejects.toBeInstanceOf(UserBlockedError);
    expect(await store.users.get(tenant, user.userId)).toMatchObject({ blocked: true, loginsCount: 1 });
  });

  it('counts a login and keeps metadata written between its read and its write', async () => {
    const store = harness.store();
    const tenant = tenantOf();
    const { user } = await recordLogin({ users: store.users, sealer: testSealer }, aLogin({ tenant }));
    const tag = () => updateUser(store.users, tenant, user.userId, (current) => ({ ...current, appMetadata: { plan: 'gold' } }));
    const users = withWriteAfterFirstRead(store, tag);

    await recordLogin({ users, sealer: testSealer }, aLogin({ tenant }));
    expect(await store.users.get(tenant, user.userId)).toMatchObject({ loginsCount: 2, appMetadata: { plan: 'gold' } });
  });

  it('applies both of two metadata changes made from one read', async () => {
    const store = harness.store();
    const tenant = tenantOf();
    const { user } = await recordLogin({ users: store.users, sealer: testSealer }, aLogin({ tenant }));
    const addKey = (users: Store['users'], key: string) =>
      updateUser(users, tenant, user.userId, (current) => ({ ...current, appMetadata: { ...current.appMetadata, [key]: true } }));
    const users = withWriteAfterFirstRead(store, () => addKey(store.users, 'second'));

    await addKey(users, 'first');
    expect((await store.users.get(tenant, user.userId))?.appMetadata).toEqual({ second: true, first: true });
  });
});
