import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { WaitingRestarts } from '../../../src/cluster/waiting_restarts.js';

// Restarts that wait out their pause; one that waits because its store was unavailable starts as
// soon as the serving workers' store is seen unavailable and then answering again. Fake timers:
// the test moves the clock, and says what the serving workers' store answers.

const CHECK_MS = 1_000;
const PAUSE_MS = 30_000;

function restarts(): { waiting: WaitingRestarts; started: Array<{ slot: number; early: boolean }>; store: { answers: boolean | undefined; checks: number } } {
  const started: Array<{ slot: number; early: boolean }> = [];
  const store: { answers: boolean | undefined; checks: number } = { answers: false, checks: 0 };
  const waiting = new WaitingRestarts({
    start: (slot, early) => started.push({ slot, early }),
    storeAnswers: async () => {
      store.checks += 1;
      return store.answers;
    },
    checkEveryMs: CHECK_MS,
  });
  return { waiting, started, store };
}

describe('a restart that waits its pause', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts at the end of its pause', async () => {
    const { waiting, started } = restarts();
    waiting.add(1, PAUSE_MS, false);
    await jest.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(started).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([{ slot: 1, early: false }]);
  });

  it('starts within a check of its store coming back, when it waited for the store', async () => {
    const { waiting, started, store } = restarts();
    waiting.add(1, PAUSE_MS, true);
    await jest.advanceTimersByTimeAsync(3 * CHECK_MS);
    expect(started).toEqual([]);
    store.answers = true;
    await jest.advanceTimersByTimeAsync(CHECK_MS);
    expect(started).toEqual([{ slot: 1, early: true }]);
    // Started once: its pause ending later starts nothing more, and nothing checks the store anymore.
    const checks = store.checks;
    await jest.advanceTimersByTimeAsync(PAUSE_MS);
    expect(started).toHaveLength(1);
    expect(store.checks).toBe(checks);
  });

  it('starts early when the store comes back just after it began to wait, having been seen down during an earlier pause', async () => {
    const { waiting, started, store } = restarts();
    waiting.add(1, 3 * CHECK_MS, true);
    await jest.advanceTimersByTimeAsync(3 * CHECK_MS);
    expect(started).toEqual([{ slot: 1, early: false }]);
    // That try failed too, and the store is back a moment later, before any check in this pause.
    waiting.add(1, PAUSE_MS, true);
    store.answers = true;
    await jest.advanceTimersByTimeAsync(CHECK_MS);
    expect(started).toEqual([
      { slot: 1, early: false },
      { slot: 1, early: true },
    ]);
  });

  it('starts early once per return of the store: a try that fails with the store answering waits its pause', async () => {
    const { waiting, started, store } = restarts();
    waiting.add(1, PAUSE_MS, true);
    await jest.advanceTimersByTimeAsync(CHECK_MS);
    store.answers = true;
    await jest.advanceTimersByTimeAsync(CHECK_MS);
    expect(started).toEqual([{ slot: 1, early: true }]);
    waiting.add(1, PAUSE_MS, true);
    await jest.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(started).toHaveLength(1);
  });

  it('waits its whole pause when the serving workers reached the store all along', async () => {
    const { waiting, started, store } = restarts();
    store.answers = true;
    waiting.add(1, PAUSE_MS, true);
    await jest.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(store.checks).toBeGreaterThan(20);
    expect(started).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([{ slot: 1, early: false }]);
  });

  it('waits its whole pause while no worker serves to ask', async () => {
    const { waiting, started, store } = restarts();
    store.answers = undefined;
    waiting.add(1, PAUSE_MS, true);
    await jest.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(started).toEqual([]);
  });

  it('never checks the store for a restart that did not wait for it', async () => {
    const { waiting, started, store } = restarts();
    waiting.add(1, PAUSE_MS, false);
    await jest.advanceTimersByTimeAsync(3 * CHECK_MS);
    store.answers = true;
    await jest.advanceTimersByTimeAsync(3 * CHECK_MS);
    expect(store.checks).toBe(0);
    expect(started).toEqual([]);
  });

  it('starts nothing once cleared (the instance stops)', async () => {
    const { waiting, started, store } = restarts();
    waiting.add(1, PAUSE_MS, true);
    waiting.add(2, PAUSE_MS, false);
    await jest.advanceTimersByTimeAsync(2 * CHECK_MS);
    waiting.clear();
    store.answers = true;
    await jest.advanceTimersByTimeAsync(2 * PAUSE_MS);
    expect(started).toEqual([]);
  });
});
