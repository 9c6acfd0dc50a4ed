import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUSY_TIMEOUT_MS, DATABASE_FILE, openDatabase, type SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { writeGateOf, type WriteGate } from '../../../src/store/sqlite/write_gate.js';
import { holdWriteLockInChildUntilCued } from './lock_holder.js';

/**
 * SQLite's own busy wait (BUSY_TIMEOUT_MS) covers a peer's commit: a write that meets another
 * process's lock, let go within it, is served at once, without the write gate's queue (which would
 * cost a request its retry pauses). The gate answers a write served at once with its value and one
 * that had to wait in its queue with a promise, so the value says which of the two served it.
 */
describe("SQLite's busy wait on the embedded store's connection", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-busy-wait-'));
  let db: SqliteDatabase;
  let gate: WriteGate;
  beforeAll(() => {
    db = openDatabase(dataDir);
    gate = writeGateOf(db);
  });
  afterAll(() => {
    gate.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A real write that changes nothing anyone reads (as commitInChild's). */
  const write = () => db.prepare('UPDATE config_version SET version = version WHERE id = 1').run().changes;

  /**
   * Another process holds the lock and is told to let go `holdMs` after the cue, given just before
   * the write is asked for: the write starts with the lock held, and only a busy wait longer than
   * `holdMs` lets it through without the gate.
   */
  async function writeWhileLetGoWithin(holdMs: number): Promise<{ answer: unknown; askedAt: bigint; releasedAt: bigint }> {
    const holder = await holdWriteLockInChildUntilCued(join(dataDir, DATABASE_FILE));
    const released = holder.releaseIn(holdMs);
    const askedAt = process.hrtime.bigint();
    const answer = gate.write(write);
    await Promise.resolve(answer).catch(() => undefined);
    return { answer, askedAt, releasedAt: await released };
  }

  // Well inside the busy wait, yet long enough that the write is surely asked for before the holder lets go.
  const holdMs = Math.round((BUSY_TIMEOUT_MS * 2) / 5);

  it('serves a write whose lock is let go within BUSY_TIMEOUT_MS by waiting for it, not through the gate', async () => {
    const { answer, askedAt, releasedAt } = await writeWhileLetGoWithin(holdMs);
    // The lock was still held when the write was asked for, so it met the lock ...
    expect(askedAt).toBeLessThan(releasedAt);
    // ... and was answered by the gate at once, with its value (a promise would mean it was queued and retried).
    expect(answer).toBe(1);
  });

  it('waits the same after a readiness probe tried the lock with the busy wait off', async () => {
    // The probe (lock_probe.ts) turns the busy wait off for its one try and must put it back.
    expect(await gate.lockHeld()).toBe(false);
    const { answer, askedAt, releasedAt } = await writeWhileLetGoWithin(holdMs);
    expect(askedAt).toBeLessThan(releasedAt);
    expect(answer).toBe(1);
  });
});
