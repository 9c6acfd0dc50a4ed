import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { WalSync } from '../../../src/store/sqlite/wal_sync.js';

describe("fsyncing fitgate.db's WAL off the event loop", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitgate-wal-sync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const openWal = (name: string): WalSync => {
    const path = join(dir, name);
    writeFileSync(path, 'frames');
    return WalSync.open(path);
  };

  it('starts a sync at once when none is running', async () => {
    const wal = openWal('alone-wal');
    await wal.sync();
    expect(wal.syncs).toBe(1);
    await wal.close();
  });

  it('makes the calls that come while a sync runs wait for one more, which they all share', async () => {
    const wal = openWal('shared-wal');
    const first = wal.sync();
    const later = [wal.sync(), wal.sync(), wal.sync()];
    expect(wal.syncs).toBe(1);

    let syncsWhenLaterSettled = 0;
    await Promise.all(later.map((call) => call.then(() => (syncsWhenLaterSettled = wal.syncs))));
    await first;
    // The running sync may have begun before their writes: they were answered by a second one.
    expect(syncsWhenLaterSettled).toBe(2);
    expect(wal.syncs).toBe(2);
    await wal.close();
  });

  it('waits for the syncs asked for before closing the file', async () => {
    const wal = openWal('closing-wal');
    let settled = 0;
    void wal.sync().then(() => (settled += 1));
    void wal.sync().then(() => (settled += 1));
    await wal.close();
    expect(settled).toBe(2);
  });

  it('refuses to open a WAL file that is not there, instead of creating one beside the database', () => {
    expect(() => WalSync.open(join(dir, 'missing-wal'))).toThrow(/ENOENT/);
  });
});
