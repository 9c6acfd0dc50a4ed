import { describe, expect, it, jest } from '@jest/globals';
import type { SqliteDatabase } from '../../../../src/store/sqlite/database.js';
import { WriteGate } from '../../../../src/store/sqlite/write_gate.js';

/** What libsql throws when another process holds the write lock past the busy wait. */
function busy(): Error {
  return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
}

/** A database that answers the gate's pragmas and nothing else: the writes themselves are the test's. */
const db = { pragma: () => [], exec: () => undefined, inTransaction: false, open: true } as unknown as SqliteDatabase;

describe("the write gate's order", () => {
  it('never runs a write asked for while locked out ahead of one still waiting', async () => {
    // The gate keeps time with Date.now and setTimeout only: faked, the bounds below hold however late real timers are.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      let locked = true;
      const applied: string[] = [];
      const gate = new WriteGate(db, '/data/fitgate.db', 200);
      const write = (name: string) => () => {
        if (locked) throw busy();
        applied.push(name);
        return name;
      };
      const settled = (promise: Promise<string>) => promise.then((value) => value, () => 'refused');

      // The first gives up 150 ms from now (its 200 ms bound, less the busy wait it has spent); the second waits until 300.
      const first = settled(gate.run(write('first')));
      await jest.advanceTimersByTimeAsync(100);
      const second = settled(gate.run(write('second')));
      await jest.advanceTimersByTimeAsync(100);
      // The first has waited out its bound: the gate is locked out, the second still waits.
      expect(await first).toBe('refused');
      expect(applied).toEqual([]);
      locked = false;
      const third = settled(gate.run(write('third')));
      // The longest pause between retries is 25 ms.
      await jest.advanceTimersByTimeAsync(50);

      expect(await second).toBe('second');
      expect(await third).toBe('refused');
      expect(applied).toEqual(['second']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('at close, runs the waiting writes in order and refuses those behind one still locked out', async () => {
    const lockedFor = new Set(['second']);
    let locked = true;
    const applied: string[] = [];
    const gate = new WriteGate(db, '/data/fitgate.db', 60_000);
    const write = (name: string) => () => {
      if (locked || lockedFor.has(name)) throw busy();
      applied.push(name);
      return name;
    };
    const settled = (promise: Promise<string>) => promise.then((value) => value, () => 'refused');

    const answers = ['first', 'second', 'third'].map((name) => settled(gate.run(write(name))));
    locked = false;
    gate.close();

    expect(await Promise.all(answers)).toEqual(['first', 'refused', 'refused']);
    expect(applied).toEqual(['first']);
  });
});
