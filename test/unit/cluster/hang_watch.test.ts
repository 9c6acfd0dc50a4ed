import { describe, expect, it } from '@jest/globals';
import { HangWatch } from '../../../src/cluster/hang_watch.js';

// The primary's watch over its serving workers: a heartbeat each tick, and a worker that answers
// none for the bound is reported once. The clock and the ticks are the test's; a heartbeat is a
// promise the test settles (or never does: a stopped worker).

const INTERVAL_MS = 1_000;
const BOUND_MS = 10_000;

interface Worker {
  asked: number;
  /** Answers the heartbeat waiting now, if any. */
  answer(): Promise<void>;
  heartbeat(): Promise<void>;
}

function worker(): Worker {
  let pending: (() => void) | undefined;
  const self: Worker = {
    asked: 0,
    heartbeat: () => {
      self.asked += 1;
      return new Promise<void>((resolve) => (pending = resolve));
    },
    async answer() {
      pending?.();
      pending = undefined;
      // Lets the watch see the answer (its then and finally).
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    },
  };
  return self;
}

function watchOnClock(): { watch: HangWatch; silent: Array<{ id: number; silentMs: number }>; advance(ms: number): void } {
  let now = 0;
  const silent: Array<{ id: number; silentMs: number }> = [];
  const watch = new HangWatch((id, silentMs) => silent.push({ id, silentMs }), { intervalMs: INTERVAL_MS, silenceBoundMs: BOUND_MS, now: () => now });
  return { watch, silent, advance: (ms) => (now += ms) };
}

describe('the watch over serving workers', () => {
  it('reports a worker that answers no heartbeat for the bound, once, with how long it was silent', () => {
    const { watch, silent, advance } = watchOnClock();
    const stopped = worker();
    watch.watch(1, () => stopped.heartbeat());
    for (let tick = 0; tick < 30; tick += 1) {
      advance(INTERVAL_MS);
      watch.tick();
    }
    expect(silent).toEqual([{ id: 1, silentMs: BOUND_MS }]);
    // One heartbeat waits unanswered: a stopped worker is not sent a pile of them.
    expect(stopped.asked).toBe(1);
  });

  it('keeps a worker that answers, however late within the bound', async () => {
    const { watch, silent, advance } = watchOnClock();
    const slow = worker();
    watch.watch(1, () => slow.heartbeat());
    for (let tick = 1; tick <= 60; tick += 1) {
      advance(INTERVAL_MS);
      watch.tick();
      // Answers every 9 s: a worker whose event loop is held that long between turns.
      if (tick % 9 === 0) await slow.answer();
    }
    expect(silent).toEqual([]);
    expect(slow.asked).toBeGreaterThan(5);
  });

  it('tells one silent worker from one that answers', async () => {
    const { watch, silent, advance } = watchOnClock();
    const stopped = worker();
    const healthy = worker();
    watch.watch(1, () => stopped.heartbeat());
    watch.watch(2, () => healthy.heartbeat());
    for (let tick = 0; tick < 12; tick += 1) {
      advance(INTERVAL_MS);
      watch.tick();
      await healthy.answer();
    }
    expect(silent.map((each) => each.id)).toEqual([1]);
  });

  it("does not count the time the primary itself did not run (a paused machine) as a worker's silence", async () => {
    const { watch, silent, advance } = watchOnClock();
    const healthy = worker();
    watch.watch(1, () => healthy.heartbeat());
    advance(INTERVAL_MS);
    watch.tick();
    // The next tick comes a minute late; the worker's answer is still unread when it does.
    advance(60_000);
    watch.tick();
    await healthy.answer();
    advance(INTERVAL_MS);
    watch.tick();
    expect(silent).toEqual([]);
  });

  it('still finds a silent worker after the primary was paused', () => {
    const { watch, silent, advance } = watchOnClock();
    watch.watch(1, () => worker().heartbeat());
    advance(60_000);
    watch.tick();
    for (let tick = 0; tick < 11; tick += 1) {
      advance(INTERVAL_MS);
      watch.tick();
    }
    expect(silent.map((each) => each.id)).toEqual([1]);
  });

  it('reports nothing of a worker forgotten (it exited) or after it stopped (the instance stops)', () => {
    const { watch, silent, advance } = watchOnClock();
    watch.watch(1, () => worker().heartbeat());
    watch.watch(2, () => worker().heartbeat());
    watch.forget(1);
    advance(INTERVAL_MS);
    watch.tick();
    watch.stop();
    for (let tick = 0; tick < 30; tick += 1) {
      advance(INTERVAL_MS);
      watch.tick();
    }
    expect(silent).toEqual([]);
  });
});
