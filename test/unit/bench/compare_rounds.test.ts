import { describe, expect, it } from '@jest/globals';
import type { HopTimes } from '../../../bench/latency.js';
import { compareInRounds, median, verdict } from '../../../bench/compare_rounds.js';
import type { Contender } from '../../../bench/versus_peer.js';

/** `npm run bench:compare`'s rounds: two builds in alternating order, each round judged on its own. */

// This process stands in for both builds and the emulator: CPU is read, never asserted.
const processes = { serverPid: process.pid, emulatorPid: process.pid };

/** A contender that notes its name in `order` at the first iteration of each round. */
function contender(name: string, order: string[]): Contender {
  return {
    hops: ['step'],
    processes,
    iteration: async (times: HopTimes, sequence: number) => {
      if (sequence === 0) order.push(name);
      await times.time('step', () => new Promise<void>((resolve) => setImmediate(resolve)));
    },
  };
}

const plan = { concurrency: 1, durationMs: 60_000, iterations: 20 };

describe('compareInRounds', () => {
  it('alternates which build goes first, this one in even rounds', async () => {
    const order: string[] = [];
    await compareInRounds(contender('this', order), contender('other', order), plan, 3);
    expect(order).toEqual(['this', 'other', 'other', 'this', 'this', 'other']);
  });

  it('reports each round as it ends, with the other build over this one', async () => {
    const reported: number[] = [];
    const rounds = await compareInRounds(contender('this', []), contender('other', []), plan, 2, (_round, index) => reported.push(index));
    expect(reported).toEqual([0, 1]);
    for (const round of rounds) {
      expect(round.ours.completed).toBe(20);
      expect(round.theirs.completed).toBe(20);
      expect(round.cpuRatio).toBeCloseTo(round.ours.cpuMsPerOp === 0 ? 0 : round.theirs.cpuMsPerOp / round.ours.cpuMsPerOp, 9);
    }
  });
});

describe('median', () => {
  it('is the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([1.2, 0.9, 1.05])).toBe(1.05);
    expect(median([1, 4, 2, 3])).toBe(2.5);
  });

  it('refuses an empty list rather than inventing a number', () => {
    expect(() => median([])).toThrow('the median of nothing');
  });
});

describe('verdict', () => {
  it('calls a difference resolved only when the whole interval is on one side of 1', () => {
    expect(verdict({ low: 1.02, high: 1.07 })).toBe('resolved: the other build costs 2-7 % more CPU per login');
    expect(verdict({ low: 0.91, high: 0.96 })).toBe('resolved: the other build costs 4-9 % less CPU per login');
    expect(verdict({ low: 0.97, high: 1.01 })).toMatch(/^not resolved: the interval holds 1/);
  });

  it('says what an interval needs when there is none', () => {
    expect(verdict(undefined)).toBe('one pair of processes has no spread to judge by: run --pairs 2 or more for an interval');
  });
});
