import { describe, expect, it } from '@jest/globals';
import { KeyedQueue } from '../../../src/domain/keyed_queue.js';

/** A task that starts when the queue runs it and ends when the test says so. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  const task = () => {
    log.push(`start ${name}`);
    return done.finally(() => log.push(`end ${name}`));
  };
  return { task, finish, fail };
}

/** Lets every settled promise's callbacks run (no timers: the queue only chains promises). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in the order they were queued', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [a!, b!, c!].map((step) => queue.run('user-1', step.task));

    await settle();
    expect(log).toEqual(['start a']);
    b!.finish(); // finishing early does not let b overtake: it has not started
    a!.finish();
    await settle();
    c!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs the tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => gate(log, name));
    const results = [queue.run('user-1', a!.task), queue.run('user-2', b!.task)];

    await settle();
    expect(log).toEqual(['start a', 'start b']);
    a!.finish();
    b!.finish();
    await Promise.all(results);
  });

  it('starts the task of an idle key at once, without waiting a turn of the event loop', () => {
    const queue = new KeyedQueue();
    let started = false;
    void queue.run('user-1', async () => {
      started = true;
    });
    expect(started).toBe(true);
  });

  it('gives a failing task its error and still runs the next task of that key', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((name) => gate(log, name));
    const failed = queue.run('user-1', a!.task);
    const next = queue.run('user-1', b!.task);
    const thrown = queue.run('user-1', () => {
      throw new Error('thrown before any promise');
    });
    const last = queue.run('user-1', async () => 'last');

    a!.fail(new Error('refused'));
    await expect(failed).rejects.toThrow('refused');
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b!.finish();
    await expect(next).resolves.toBe('b');
    await expect(thrown).rejects.toThrow('thrown before any promise');
    await expect(last).resolves.toBe('last');
  });

  it('holds a key only while it has tasks running or waiting', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [queue.run('user-1', a!.task), queue.run('user-1', b!.task), queue.run('user-2', c!.task)];
    expect(queue.size).toBe(2);

    a!.finish();
    c!.fail(new Error('refused'));
    await settle();
    expect(queue.size).toBe(1); // user-1's b is still running; user-2 is forgotten though its task failed
    b!.finish();
    await Promise.allSettled(results);
    await settle();
    expect(queue.size).toBe(0);
  });
});
