import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { LOCK_WAIT_MS } from '../../../src/store/sqlite/write_gate.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { tenantRecord, uniqueId, userRecord } from './records.js';

const rowsIn = (store: SqliteStore, sql: string, ...params: unknown[]): number =>
  (store.db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;

/**
 * A write that waited for another process's lock runs again from its start as one unit, and only
 * the run that commits counts: a transaction is never half applied, a group commit's units are
 * applied once each, and what may happen once (taking a refresh token) still happens once.
 */
describe('writes that waited for a lock', () => {
  let testStore: TestStore<SqliteStore>;
  const lockDurable = () => holdWriteLock(join(testStore.location, DATABASE_FILE));
  const releaseSoon = (release: () => Promise<void>) => setTimeout(() => void release(), LOCK_WAIT_MS / 4);
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('commit a group of user writes whole, each once, with its indexes', async () => {
    const { store } = testStore;
    const tenant = uniqueId('t');
    const users = Array.from({ length: 3 }, () => userRecord(tenant));
    const holder = lockDurable();
    releaseSoon(holder.release);
    const before = store.commitCounts().durable;
    await Promise.all([...users.map((user) => store.users.create(user)), store.ephemeral.put('refresh_token', `${tenant}-rt`, { tenant }, 60)]);

    expect(store.commitCounts().durable - before).toBe(1);
    expect(await store.users.count(tenant)).toBe(3);
    expect(rowsIn(store, 'user_identities WHERE tenant = ?', tenant)).toBe(3);
    for (const user of users) {
      const identity = user.identities[0]!;
      expect((await store.users.findByIdentity(tenant, identity.connection, identity.userId))?.userId).toBe(user.userId);
    }
  });

  it('let exactly one of the concurrent takers of a refresh token have it', async () => {
    const { store } = testStore;
    const key = uniqueId('rt');
    await store.ephemeral.put('refresh_token', key, { grant: 'g' }, 60);
    const holder = lockDurable();
    releaseSoon(holder.release);
    const taken = await Promise.all(Array.from({ length: 5 }, () => store.ephemeral.consume('refresh_token', key)));
    expect(taken.filter((value) => value !== undefined)).toEqual([{ grant: 'g' }]);
  });

  it('leave nothing of a transaction refused after the wait, and apply it whole when asked again', async () => {
    const { store } = testStore;
    const tenant = tenantRecord({ domains: [`${uniqueId('login')}.example.com`] });
    const holder = lockDurable();
    try {
      await expect(store.tenants.create(tenant)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.release();
    }
    expect(rowsIn(store, 'tenants WHERE name = ?', tenant.name)).toBe(0);
    expect(rowsIn(store, 'tenant_domains WHERE tenant = ?', tenant.name)).toBe(0);

    await store.tenants.create(tenant);
    expect((await store.tenants.findByDomain(tenant.domains[0]!))?.name).toBe(tenant.name);
  });
});
