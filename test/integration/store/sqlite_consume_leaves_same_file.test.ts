import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { uniqueId } from './records.js';

/**
 * A consume and the record it leaves behind are one commit, which the embedded store can make only
 * within one file: a record left under a kind of the other durability class is refused before
 * anything is taken.
 */
describe('an embedded-store consume that leaves a record of another durability class', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitgate-leave-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused, and the record it would have taken stays', async () => {
    const store = SqliteStore.open(dir);
    try {
      const key = uniqueId('state');
      await store.ephemeral.put('try_transaction', key, { tenant: 't' }, 60);
      const leave = { kind: 'ticket' as const, key, value: { used: true }, ttlSeconds: 60 };
      await expect(store.ephemeral.consume('try_transaction', key, leave)).rejects.toThrow('kept in different files');
      expect(await store.ephemeral.get('try_transaction', key)).toEqual({ tenant: 't' });
      expect(await store.ephemeral.get('ticket', key)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
