import { describe, expect, it } from '@jest/globals';
import { BackgroundWork } from '../../../src/http/background_work.js';

describe('background work at shutdown', () => {
  it('is waited for until it ends, failures included', async () => {
    const work = new BackgroundWork();
    let finish!: () => void;
    work.track(new Promise<void>((resolve) => (finish = resolve)));
    work.track(Promise.reject(new Error('its owner handles this')));

    let settled = false;
    const waiting = work.settled(10_000).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(settled).toBe(true);
  });

  it('is waited for no longer than the bound', async () => {
    const work = new BackgroundWork();
    work.track(new Promise(() => undefined));
    const startedAt = Date.now();
    await work.settled(50);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('costs nothing to wait for when there is none', async () => {
    await expect(new BackgroundWork().settled(10_000)).resolves.toBeUndefined();
  });
});
