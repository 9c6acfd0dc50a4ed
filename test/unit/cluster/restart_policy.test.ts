import { describe, expect, it } from '@jest/globals';
import { RestartBudget } from '../../../src/cluster/restart_budget.js';
import { RestartPolicy, type RestartDecision, type WorkerExit } from '../../../src/cluster/restart_policy.js';

/** A worker that died within a second of its fork, for no store reason, while another serves. */
const CRASH: WorkerExit = { slot: 0, upMs: 500, storeUnavailable: false, othersServing: 1 };
/** A worker that could not start because its store is down, while another serves. */
const STORE_DOWN: WorkerExit = { slot: 0, upMs: 500, storeUnavailable: true, othersServing: 1 };

function delays(decisions: RestartDecision[]): Array<number | 'give up'> {
  return decisions.map((decision) => (decision.restart ? decision.delayMs : 'give up'));
}

/** A policy on a clock the test moves; each exit is decided `gapMs` after the one before. */
function clocked(options: ConstructorParameters<typeof RestartPolicy>[0] = {}): { policy: RestartPolicy; exits(exit: WorkerExit, count: number, gapMs: number): RestartDecision[] } {
  let now = 1_000_000;
  const policy = new RestartPolicy({ now: () => now, ...options });
  return {
    policy,
    exits(exit, count, gapMs) {
      const decisions: RestartDecision[] = [];
      for (let i = 0; i < count; i += 1) {
        decisions.push(policy.afterExit(exit));
        now += gapMs;
      }
      return decisions;
    },
  };
}

describe('when a dead worker is replaced', () => {
  it('replaces the first at once, then waits 1, 2, 4 … s between restarts in a row, never more than 30 s', () => {
    const { exits } = clocked();
    expect(delays(exits(STORE_DOWN, 9, 30_000))).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('counts the attempts of one row', () => {
    const { exits } = clocked();
    expect(exits(STORE_DOWN, 3, 1_000).map((decision) => decision.restart && decision.attempt)).toEqual([1, 2, 3]);
  });

  it('starts a new row, at once again, after a worker that had stayed up a minute', () => {
    const { policy, exits } = clocked();
    exits(STORE_DOWN, 4, 5_000);
    expect(policy.afterExit({ ...CRASH, upMs: 60_000 })).toEqual({ restart: true, delayMs: 0, attempt: 1 });
    expect(delays(exits(CRASH, 1, 0))).toEqual([1_000]);
  });

  it('keeps one row per slot: another slot\'s first crash is replaced at once while this one waits out an outage', () => {
    const { policy, exits } = clocked();
    exits(STORE_DOWN, 6, 30_000);
    expect(policy.afterExit({ ...CRASH, slot: 1 })).toEqual({ restart: true, delayMs: 0, attempt: 1 });
    expect(policy.afterExit(STORE_DOWN)).toMatchObject({ delayMs: 30_000, attempt: 7 });
  });

  it('does not start a new row after a worker that died sooner than that', () => {
    const { policy, exits } = clocked();
    exits(STORE_DOWN, 3, 5_000);
    expect(policy.afterExit({ ...CRASH, upMs: 59_999 })).toEqual({ restart: true, delayMs: 4_000, attempt: 4 });
  });
});

describe('a worker that could not start because its store is unavailable', () => {
  it('is retried for as long as the outage lasts while another worker serves, without giving up', () => {
    const { exits } = clocked();
    const decisions = exits(STORE_DOWN, 200, 30_000);
    expect(decisions.every((decision) => decision.restart)).toBe(true);
  });

  it('is retried without giving up even when its retries come faster than the budget allows', () => {
    const { exits } = clocked({ budget: new RestartBudget(2, 60_000, () => 0) });
    expect(delays(exits(STORE_DOWN, 10, 0)).includes('give up')).toBe(false);
  });

  it('does not spend the budget: a crash loop right after the outage still gets its full budget', () => {
    let now = 0;
    const policy = new RestartPolicy({ now: () => now });
    for (let i = 0; i < 20; i += 1) policy.afterExit(STORE_DOWN);
    now = 1_000;
    expect(delays([1, 2, 3, 4, 5, 6].map(() => policy.afterExit(CRASH))).filter((delay) => delay === 'give up')).toEqual(['give up']);
  });

  it('counts against the budget when no other worker serves: the instance answers nothing, a supervisor should know', () => {
    const { exits } = clocked();
    expect(delays(exits({ ...STORE_DOWN, othersServing: 0 }, 6, 1_000))).toEqual([0, 1_000, 2_000, 4_000, 8_000, 'give up']);
  });
});

describe('a worker that keeps dying for any other reason', () => {
  it('is given up on after 5 restarts within a minute, backoff or not', () => {
    const { exits } = clocked();
    expect(delays(exits(CRASH, 6, 1_000))).toEqual([0, 1_000, 2_000, 4_000, 8_000, 'give up']);
  });

  it('is given up on whether or not another worker serves', () => {
    const { exits } = clocked();
    expect(delays(exits({ ...CRASH, othersServing: 0 }, 6, 1_000)).at(-1)).toBe('give up');
  });

  it('is replaced again once the earlier restarts are a minute old', () => {
    const { exits } = clocked();
    // Restarts 5 s apart: the sixth lands 25 s after the first, inside the minute; one a minute later is allowed.
    expect(delays(exits(CRASH, 6, 5_000)).at(-1)).toBe('give up');
    const later = clocked();
    expect(delays(later.exits(CRASH, 6, 12_001)).includes('give up')).toBe(false);
  });
});
