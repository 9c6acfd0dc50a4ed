import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

describeEachStore('counters', (h) => {
  const counters = () => h.store().counters;

  it('counts hits in one window that resets at a fixed time', async () => {
    const key = uniqueId('ip');
    const before = Date.now();
    const first = await counters().hit(key, 60);
    const second = await counters().hit(key, 60);
    const third = await counters().hit(key, 60);
    expect([first.count, second.count, third.count]).toEqual([1, 2, 3]);
    expect(first.resetAt).toBeGreaterThanOrEqual(before + 59_000);
    expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(Math.abs(third.resetAt - first.resetAt)).toBeLessThan(1000);
  });

  it('keeps counters apart by key', async () => {
    const key = uniqueId('ip');
    await counters().hit(key, 60);
    expect((await counters().hit(`${key}-other`, 60)).count).toBe(1);
  });

  it('starts again at one after reset', async () => {
    const key = uniqueId('ip');
    await counters().hit(key, 60);
    await counters().hit(key, 60);
    await counters().reset(key);
    expect((await counters().hit(key, 60)).count).toBe(1);
  });

  it('opens a new window at one once the old window has ended', async () => {
    const key = uniqueId('ip');
    await counters().hit(key, 0.2);
    await counters().hit(key, 0.2);
    await eventually(async () => ((await counters().hit(key, 0.2)).count === 1 ? true : undefined), 'the window ends');
  });

  it('counts every one of many concurrent hits across two store instances', async () => {
    const key = uniqueId('ip');
    const other = await h.testStore().reopen();
    const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? counters() : other.counters).hit(key, 60)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
