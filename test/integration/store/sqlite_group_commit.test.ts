import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { AlreadyExistsError } from '../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

describe("the embedded store's group commit", () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  const durableCommits = (): number => testStore.store.commitCounts().durable;

  it('commits durable writes asked for together in one transaction, and each is there once acknowledged', async () => {
    const { store } = testStore;
    const users = Array.from({ length: 4 }, () => userRecord(uniqueId('t')));
    for (const user of users) await store.users.create(user);
    const before = durableCommits();

    await Promise.all([
      ...users.map((user) => store.users.update({ ...user, loginsCount: 7 })),
      store.ephemeral.put('refresh_token', 'rt-1', { grant: 'g1' }, 60),
      store.ephemeral.put('grant', 'g-2', { revoked: true }, 60),
    ]);

    expect(durableCommits() - before).toBe(1);
    const reopened = await testStore.reopen();
    for (const user of users) expect((await reopened.users.get(user.tenant, user.userId))?.loginsCount).toBe(7);
    expect(await reopened.ephemeral.get('refresh_token', 'rt-1')).toEqual({ grant: 'g1' });
    await reopened.close();
  });

  it('fails a unit that throws alone: its own statements are undone, and the rest of its group commits', async () => {
    const { store } = testStore;
    const tenant = uniqueId('t');
    const first = userRecord(tenant);
    await store.users.create(first);
    // Same identity, another user id: the users row is inserted, then the identity index refuses it.
    const clash = { ...first, userId: `${first.userId}-twin` };
    const [failed, kept] = await Promise.allSettled([
      store.users.create(clash),
      store.ephemeral.put('refresh_token', 'rt-kept', { grant: 'g3' }, 60),
    ]);
    expect(failed).toMatchObject({ status: 'rejected', reason: expect.any(AlreadyExistsError) });
    expect(kept.status).toBe('fulfilled');
    expect(await store.ephemeral.get('refresh_token', 'rt-kept')).toEqual({ grant: 'g3' });
    expect(await store.users.get(tenant, clash.userId)).toBeUndefined();
    expect(await store.users.count(tenant)).toBe(1);
  });

  it('lets exactly one of concurrent consumers of a refresh token have it', async () => {
    const { store } = testStore;
    await store.ephemeral.put('refresh_token', 'rt-once', { grant: 'g4' }, 60);
    const taken = await Promise.all(Array.from({ length: 5 }, () => store.ephemeral.consume('refresh_token', 'rt-once')));
    expect(taken.filter((value) => value !== undefined)).toEqual([{ grant: 'g4' }]);
  });

  it('fails the whole group, as fitgate\'s 503, when its transaction cannot begin, and commits again once the file is free', async () => {
    const { store } = testStore;
    const [main] = store.db.pragma('database_list') as Array<{ file: string }>;
    const other = new Database(main!.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = await Promise.allSettled([
        store.ephemeral.put('refresh_token', 'rt-busy-1', {}, 60),
        store.ephemeral.put('refresh_token', 'rt-busy-2', {}, 60),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      const { reason } = outcomes[0] as PromiseRejectedResult;
      expect(reason).toBeInstanceOf(StoreUnavailableError);
      expect(String((reason as Error).cause)).toMatch(/fitgate\.db is locked by another process/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.ephemeral.put('refresh_token', 'rt-after', { ok: true }, 60);
    expect(await store.ephemeral.get('refresh_token', 'rt-after')).toEqual({ ok: true });
    expect(await store.ephemeral.get('refresh_token', 'rt-busy-1')).toBeUndefined();
  });

  it('commits what is still queued when the store closes', async () => {
    const reopened = await testStore.reopen();
    const pending = reopened.ephemeral.put('refresh_token', 'rt-at-close', { at: 'close' }, 60);
    await reopened.close();
    await pending;
    const again = await testStore.reopen();
    expect(await again.ephemeral.get('refresh_token', 'rt-at-close')).toEqual({ at: 'close' });
    await again.close();
  });
});
