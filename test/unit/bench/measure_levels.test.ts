import { describe, expect, it } from '@jest/globals';
import type { HopTimes } from '../../../bench/latency.js';
import { Measurement } from '../../../bench/measure.js';
import { measureLevels, ROUNDS_IN_TURNS, type Contender } from '../../../bench/versus_peer.js';

/**
 * The benchmark's paired measurement: fitgate and the peer take turns at each level, and a
 * measurement made of rounds reports them summed, as one run.
 */

// This process stands in for both servers and the emulator: CPU is read, never asserted.
const processes = { serverPid: process.pid, emulatorPid: process.pid };

/** A contender that notes its name in `rounds` at the first iteration of each round, and `logins` in all. */
function contender(name: string, rounds: string[], logins: { count: number }): Contender {
  return {
    hops: ['step'],
    processes,
    iteration: async (times: HopTimes, sequence: number) => {
      if (sequence === 0) rounds.push(name);
      logins.count += 1;
      // A turn of the event loop per login, as a request takes, rather than a tight microtask loop.
      await times.time('step', () => new Promise<void>((resolve) => setImmediate(resolve)));
    },
  };
}

// Long enough that every round starts at least one iteration, however busy the machine (a round
// whose time is up before its first iteration runs none).
const ROUND_MS = 50;

describe('measureLevels', () => {
  it('measures fitgate and the peer in alternating rounds at each level, each starting every other round', async () => {
    const rounds: string[] = [];
    const logins = { count: 0 };
    await measureLevels([1], ROUND_MS * ROUNDS_IN_TURNS, contender('fitgate', rounds, logins), contender('peer', rounds, logins), () => undefined);
    expect(ROUNDS_IN_TURNS).toBe(4);
    expect(rounds).toEqual(['fitgate', 'peer', 'peer', 'fitgate', 'fitgate', 'peer', 'peer', 'fitgate']);
  });

  it('reports every level for both, with the logins of all their rounds', async () => {
    const rounds: string[] = [];
    const logins = { count: 0 };
    const measured = await measureLevels([1, 2], ROUND_MS * ROUNDS_IN_TURNS, contender('fitgate', rounds, logins), contender('peer', rounds, logins), () => undefined);
    expect(measured.fitgate.levels.map((level) => level.concurrency)).toEqual([1, 2]);
    expect(measured.peer.levels.map((level) => level.concurrency)).toEqual([1, 2]);
    expect(rounds).toHaveLength(2 * 2 * ROUNDS_IN_TURNS);
    const completed = [...measured.fitgate.levels, ...measured.peer.levels].reduce((sum, level) => sum + level.completed, 0);
    expect(completed).toBe(logins.count);
  });
});

describe('Measurement', () => {
  it('sums its rounds: iterations, errors (keeping at most five messages) and every hop time', async () => {
    let sequence = 0;
    const measurement = new Measurement(['step'], async (times) => {
      await times.time('step', async () => undefined);
      if (sequence++ % 2 === 1) throw new Error(`failure ${sequence}`);
    }, processes);
    await measurement.round({ concurrency: 1, durationMs: 60_000, iterations: 6 });
    await measurement.round({ concurrency: 1, durationMs: 60_000, iterations: 8 });
    const result = measurement.result({ concurrency: 1 });
    expect(result.completed).toBe(7);
    expect(result.errors).toBe(7);
    expect(result.errorSamples).toEqual(['failure 2', 'failure 4', 'failure 6', 'failure 8', 'failure 10']);
    expect(result.hops.step?.count).toBe(14);
    expect(result.concurrency).toBe(1);
  });
});
