import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { LogoutSendQueue, type LogoutSendResult } from '../../../../src/authn/login/backchannel_logout_queue.js';

const LIMITS = { concurrent: 3, queued: 100, dropReportMs: 60_000 };

/** A send the test ends when it chooses, noting when it started. */
function heldSends() {
  const started: number[] = [];
  const finish = new Map<number, (failure?: Error) => void>();
  let running = 0;
  let mostRunning = 0;
  const send = (n: number) => () => {
    started.push(n);
    running += 1;
    mostRunning = Math.max(mostRunning, running);
    return new Promise<void>((resolve, reject) => {
      finish.set(n, (failure) => {
        running -= 1;
        if (failure) reject(failure);
        else resolve();
      });
    });
  };
  return {
    started,
    send,
    finish: (n: number, failure?: Error) => finish.get(n)!(failure),
    get mostRunning() {
      return mostRunning;
    },
  };
}

describe('the back-channel logout send queue', () => {
  it('runs at most `concurrent` sends at once, the rest in arrival order as turns free up', async () => {
    const queue = new LogoutSendQueue(pino({ level: 'silent' }), LIMITS);
    const sends = heldSends();
    const results: Array<Promise<LogoutSendResult>> = [];
    for (let n = 0; n < 10; n += 1) results.push(queue.run('acme', sends.send(n)));

    expect(sends.started).toEqual([0, 1, 2]);
    expect(queue.queued).toBe(7);

    sends.finish(1);
    expect(await results[1]).toBe('ran');
    expect(sends.started).toEqual([0, 1, 2, 3]);

    // A send that fails still frees its turn.
    sends.finish(0, new Error('receiver refused'));
    expect(await results[0]).toBe('ran');
    expect(sends.started).toEqual([0, 1, 2, 3, 4]);

    for (let n = 2; n < 10; n += 1) {
      sends.finish(n);
      await results[n];
    }
    expect(await Promise.all(results)).toEqual(Array(10).fill('ran'));
    expect(sends.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sends.mostRunning).toBe(LIMITS.concurrent);
    expect(queue.queued).toBe(0);
  });

  it('frees the turn of a send that throws before it returns a promise', async () => {
    const queue = new LogoutSendQueue(pino({ level: 'silent' }), { ...LIMITS, concurrent: 1 });
    const throwing = queue.run('acme', () => {
      throw new Error('a bug before the send');
    });
    expect(await throwing).toBe('ran');
    expect(await queue.run('acme', async () => undefined)).toBe('ran');
  });
});
