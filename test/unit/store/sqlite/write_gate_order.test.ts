import { describe, expect, it } from '@jest/globals';
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
    let locked = true;
    const applied: string[] = [];
    const gate = new WriteGate(db, '/data/fitgate.db', 200);
    const write = (name: string) => () => {
      if (locked) throw busy();
      applied.push(name);
      return name;
    };

    const first = gate.run(write('first'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = gate.run(write('second'));
    // The first waits out its bound: the gate is locked out, the second still waits.
    await expect(first).rejects.toThrow();
    locked = false;
    const third = gate.run(write('third')).then(
      () => 'ran',
      () => 'refused',
    );

    await expect(second).resolves.toBe('second');
    await expect(third).resolves.toBe('refused');
    expect(applied).toEqual(['second']);
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
