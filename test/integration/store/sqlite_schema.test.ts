import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { openDatabase, schemaVersion } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { tenantRecord } from './records.js';

describe('embedded database file and schema', () => {
  const dataDirs: string[] = [];
  const freshDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'fitgate-schema-'));
    dataDirs.push(dir);
    return join(dir, 'nested', 'data');
  };
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('creates the data directory and a WAL database migrated to the latest schema version', () => {
    const db = openDatabase(freshDir());
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode')).toEqual([expect.objectContaining({ journal_mode: 'wal' })]);
      expect(db.pragma('synchronous')).toEqual([expect.objectContaining({ synchronous: 2 })]);
    } finally {
      db.close();
    }
  });

  it('keeps every record when reopened, without migrating again', async () => {
    const dataDir = freshDir();
    const tenant = tenantRecord();
    const first = SqliteStore.open(dataDir);
    await first.tenants.create(tenant);
    await first.close();
    const second = SqliteStore.open(dataDir);
    try {
      expect(await second.tenants.get(tenant.name)).toEqual(tenant);
      expect(schemaVersion(second.db)).toBe(MIGRATIONS.length);
    } finally {
      await second.close();
    }
  });

  it('refuses a database written by a newer fitgate, saying so', () => {
    const dataDir = freshDir();
    const db = openDatabase(dataDir);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(dataDir)).toThrow(/newer than this fitgate knows.*upgrade fitgate/);
  });
});
