import { expect, it } from '@jest/globals';
import { idsOf, isNamedBy } from '../../../src/domain/identity_ids.js';
import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
import type { User } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { identityRecord, uniqueId, userRecord } from './records.js';

describeEachStore('user repository', (h) => {
  const users = () => h.store().users;

  it('returns a created user by id, and undefined for an unknown id', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant, { email: 'ada@example.com', name: 'Ada' });
    await users().create(user);
    expect(await users().get(tenant, user.userId)).toEqual(user);
    expect(await users().get(tenant, 'fitbit|nobody')).toBeUndefined();
    expect(await users().get(uniqueId('other'), user.userId)).toBeUndefined();
  });

  it('finds a user by the upstream id of an identity, per connection and tenant', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant, { upstreamId: 'HEALTH123' });
    await users().create(user);
    expect((await users().findByIdentity(tenant, 'fitbit', 'HEALTH123'))?.userId).toBe(user.userId);
    expect(await users().findByIdentity(tenant, 'other-connection', 'HEALTH123')).toBeUndefined();
    expect(await users().findByIdentity(uniqueId('t'), 'fitbit', 'HEALTH123')).toBeUndefined();
  });

  it('finds a migrated user by its legacy Fitbit id as well as its Google Health id', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant, {
      userId: 'fitbit|GGNJL9',
      identities: [identityRecord('health-7f3a', { legacyUserId: 'GGNJL9' })],
    });
    await users().create(user);
    expect((await users().findByIdentity(tenant, 'fitbit', 'health-7f3a'))?.userId).toBe('fitbit|GGNJL9');
    expect((await users().findByIdentity(tenant, 'fitbit', 'GGNJL9'))?.userId).toBe('fitbit|GGNJL9');
  });

  it('finds a user by exactly the ids the domain names its identities by (identity_ids.ts), which the login then matches', async () => {
    const tenant = uniqueId('t');
    const identity = identityRecord('NOW-4c1e', { legacyUserId: 'BEFORE9' });
    const user = userRecord(tenant, { identities: [identity] });
    await users().create(user);
    expect(idsOf(identity)).toEqual(['NOW-4c1e', 'BEFORE9']);
    for (const upstreamId of idsOf(identity)) {
      const found = await users().findByIdentity(tenant, identity.connection, upstreamId);
      expect(found?.userId).toBe(user.userId);
      expect(found!.identities.filter((candidate) => isNamedBy(candidate, identity.connection, upstreamId))).toHaveLength(1);
    }
    expect(await users().findByIdentity(tenant, identity.connection, 'NOW')).toBeUndefined();
  });

  it('refuses a user whose id is taken', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant);
    await users().create(user);
    await expect(users().create({ ...user, identities: [identityRecord(uniqueId('UP'))] })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('refuses a user whose identity (or legacy id) already belongs to another user, storing nothing', async () => {
    const tenant = uniqueId('t');
    await users().create(userRecord(tenant, { identities: [identityRecord('NEW1', { legacyUserId: 'OLD1' })] }));
    const clash = userRecord(tenant, { identities: [identityRecord('OLD1')] });
    await expect(users().create(clash)).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await users().get(tenant, clash.userId)).toBeUndefined();
    expect(await users().count(tenant)).toBe(1);
  });

  it('moves the identity index with an update: the new upstream id finds the user, the dropped one does not', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant, { upstreamId: 'BEFORE' });
    await users().create(user);
    await users().update({ ...user, identities: [identityRecord('AFTER')], loginsCount: 2 });
    expect(await users().findByIdentity(tenant, 'fitbit', 'BEFORE')).toBeUndefined();
    const found = await users().findByIdentity(tenant, 'fitbit', 'AFTER');
    expect(found?.userId).toBe(user.userId);
    expect(found?.loginsCount).toBe(2);
  });

  it('refuses to update a user that does not exist', async () => {
    await expect(users().update(userRecord(uniqueId('t')))).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('deletes a user with its identities and search terms, and reports whether it existed', async () => {
    const tenant = uniqueId('t');
    const user = userRecord(tenant, { upstreamId: 'GONE', email: 'gone@example.com' });
    await users().create(user);
    expect(await users().delete(tenant, user.userId)).toBe(true);
    expect(await users().delete(tenant, user.userId)).toBe(false);
    expect(await users().get(tenant, user.userId)).toBeUndefined();
    expect(await users().findByIdentity(tenant, 'fitbit', 'GONE')).toBeUndefined();
    expect((await users().list(tenant, { page: 0, perPage: 10, q: 'gone' })).total).toBe(0);
    expect(await users().count(tenant)).toBe(0);
  });

  it('counts the users of one tenant only', async () => {
    const tenant = uniqueId('t');
    for (let i = 0; i < 3; i += 1) await users().create(userRecord(tenant));
    await users().create(userRecord(uniqueId('other')));
    expect(await users().count(tenant)).toBe(3);
  });

  it('lets exactly one of two concurrent creates claim the same identity, on two store instances', async () => {
    const tenant = uniqueId('t');
    const other = await h.testStore().reopen();
    const results = await Promise.allSettled([
      users().create(userRecord(tenant, { userId: 'fitbit|A', identities: [identityRecord('SAME')] })),
      other.users.create(userRecord(tenant, { userId: 'fitbit|B', identities: [identityRecord('SAME')] })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = await users().findByIdentity(tenant, 'fitbit', 'SAME');
    expect(await users().count(tenant)).toBe(1);
    expect(await users().get(tenant, winner?.userId as string)).toEqual(winner);
  });

  it('applies exactly one of concurrent updates made from one read, refusing the others as stale, with its indexes matching', async () => {
    const tenant = uniqueId('t');
    const other = await h.testStore().reopen();
    const user = userRecord(tenant, { upstreamId: 'START' });
    await users().create(user);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? users() : other.users).update({ ...user, identities: [identityRecord(`UPD${i}`)], loginsCount: i }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const refused of results.filter((result) => result.status === 'rejected')) expect(refused.reason).toBeInstanceOf(StaleRecordError);
    const stored = (await users().get(tenant, user.userId)) as User;
    expect(stored.revision).toBe(1);
    const upstreamId = stored.identities[0]?.userId as string;
    expect(upstreamId).toBe(`UPD${stored.loginsCount}`);
    for (let i = 0; i < 6; i += 1) {
      const found = await users().findByIdentity(tenant, 'fitbit', `UPD${i}`);
      expect([`UPD${i}`, found?.userId]).toEqual([`UPD${i}`, `UPD${i}` === upstreamId ? user.userId : undefined]);
    }
    expect(await users().findByIdentity(tenant, 'fitbit', 'START')).toBeUndefined();
  });
});
