import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SqliteDatabase } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { identityRecord, logRecord, uniqueId, userRecord } from './records.js';

/**
 * The hot user queries must stay fast with a million users in a tenant. Rather than time them, this
 * records the SQL the repository really runs and asks SQLite how it would execute each statement:
 * every table access must be an index search, and no result may need a temporary sort.
 */

/** Records the source of every statement the store prepares from now on. */
function recordStatements(db: SqliteDatabase): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    seen.push(source);
    return prepare(source);
  }) as SqliteDatabase['prepare'];
  return seen;
}

function queryPlan(db: SqliteDatabase, sql: string): string[] {
  const parameters = Array.from(sql.matchAll(/\?/g), () => 'x');
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>).map((row) => row.detail);
}

describe('embedded user queries', () => {
  let testStore: TestStore<SqliteStore>;
  const tenant = uniqueId('t');
  const plans = new Map<string, string[]>();

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    const { store } = testStore;
    const user = userRecord(tenant, { email: 'ada@example.com', identities: [identityRecord('NEW', { legacyUserId: 'OLD' })] });
    await store.users.create(user);
    const seen = recordStatements(store.db);
    await store.users.get(tenant, user.userId);
    await store.users.findByIdentity(tenant, 'fitbit', 'OLD');
    await store.users.list(tenant, { page: 3, perPage: 50 });
    await store.users.list(tenant, { page: 0, perPage: 50, q: 'ada' });
    // Structured search: the tenant's first one also runs the field-index backfill.
    const byEmail = { field: 'email', match: 'exact', value: 'ada@example.com' } as const;
    const byName = { field: 'name', match: 'prefix', value: 'ad' } as const;
    await store.users.list(tenant, { page: 0, perPage: 50, search: { any: [{ all: [byEmail] }, { all: [byName] }] } });
    await store.users.count(tenant);
    await store.users.update({ ...user, loginsCount: 2 });
    for (const sql of new Set(seen)) plans.set(sql, queryPlan(store.db, sql));
  });

  afterAll(async () => {
    await testStore.cleanup();
  });

  it('recorded the statements of get, findByIdentity, list, search, count and update', () => {
    const sql = [...plans.keys()].join('\n');
    for (const table of ['users', 'user_identities', 'user_search_terms', 'user_counts']) expect(sql).toContain(table);
    expect(plans.size).toBeGreaterThanOrEqual(8);
  });

  it('reads and writes every user table through an index, never by scanning it', () => {
    const scans = [...plans].flatMap(([sql, plan]) => plan.filter((step) => step.startsWith('SCAN')).map((step) => `${step} in: ${sql}`));
    expect(scans).toEqual([]);
  });

  it('lists newest first straight from an index, without sorting', () => {
    const sorts = [...plans].flatMap(([sql, plan]) => plan.filter((step) => step.includes('TEMP B-TREE')).map((step) => `${step} in: ${sql}`));
    expect(sorts).toEqual([]);
    const list = [...plans].find(([sql]) => sql.includes('ORDER BY created_at DESC'));
    expect(list?.[1]).toEqual([expect.stringContaining('USING INDEX users_newest_first')]);
  });

  it('answers structured searches from the field-term index, by exact term or by range', () => {
    const exact = [...plans].find(([sql]) => sql.includes('FROM user_field_terms WHERE tenant = ? AND term = ?'));
    expect(exact?.[1]).toEqual([expect.stringMatching(/SEARCH user_field_terms USING PRIMARY KEY \(tenant=\? AND term=\?\)/)]);
    const range = [...plans].find(([sql]) => sql.includes('FROM user_field_terms WHERE tenant = ? AND term >= ?'));
    expect(range?.[1]).toEqual([expect.stringMatching(/SEARCH user_field_terms USING PRIMARY KEY \(tenant=\? AND term>\? AND term<\?\)/)]);
  });

  it('searches by a range of the search-term index', () => {
    const search = [...plans].find(([sql]) => sql.includes('FROM user_search_terms WHERE tenant = ? AND term >= ?'));
    expect(search?.[1]).toEqual([expect.stringMatching(/SEARCH user_search_terms USING PRIMARY KEY \(tenant=\? AND term>\? AND term<\?\)/)]);
  });
});

describe('embedded log listing', () => {
  let testStore: TestStore<SqliteStore>;
  const tenant = uniqueId('t');
  const plans = new Map<string, string[]>();

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    const { store } = testStore;
    await store.logs.append(logRecord(tenant, { userId: 'fitbit|ADA' }));
    await store.logs.list(tenant, { page: 0, perPage: 1 });
    const seen = recordStatements(store.db);
    // Newest first (the default) and oldest first (Auth0's sort=date:1), whole and filtered.
    for (const oldestFirst of [false, true]) {
      await store.logs.list(tenant, { page: 1, perPage: 50, oldestFirst });
      await store.logs.list(tenant, { page: 0, perPage: 50, type: 's', oldestFirst });
      await store.logs.list(tenant, { page: 0, perPage: 50, userId: 'fitbit|ADA', oldestFirst });
    }
    for (const sql of new Set(seen)) plans.set(sql, queryPlan(store.db, sql));
  });

  afterAll(async () => {
    await testStore.cleanup();
  });

  it('reads either order straight from an index, never scanning or sorting', () => {
    const pages = [...plans].filter(([sql]) => sql.includes('ORDER BY'));
    expect(pages.filter(([sql]) => sql.includes('date ASC'))).toHaveLength(3);
    expect(pages.filter(([sql]) => sql.includes('date DESC'))).toHaveLength(3);
    const slow = pages.flatMap(([sql, plan]) => plan.filter((step) => step.startsWith('SCAN') || step.includes('TEMP B-TREE')).map((step) => `${step} in: ${sql}`));
    expect(slow).toEqual([]);
  });
});
