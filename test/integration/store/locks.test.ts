import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

describeEachStore('locks', (h) => {
  const locks = () => h.store().locks;

  it('grants a free lock and refuses it to everyone else while it is held', async () => {
    const name = uniqueId('lock');
    const other = await h.testStore().reopen();
    const token = await locks().tryAcquire(name, 60_000);
    expect(token).toEqual(expect.any(String));
    expect(await locks().tryAcquire(name, 60_000)).toBeUndefined();
    expect(await other.locks.tryAcquire(name, 60_000)).toBeUndefined();
  });

  it('releases only for the token that owns the lock, after which it is free', async () => {
    const name = uniqueId('lock');
    const token = (await locks().tryAcquire(name, 60_000)) as string;
    expect(await locks().release(name, 'not-the-token')).toBe(false);
    expect(await locks().tryAcquire(name, 60_000)).toBeUndefined();
    expect(await locks().release(name, token)).toBe(true);
    expect(await locks().release(name, token)).toBe(false);
    expect(await locks().tryAcquire(name, 60_000)).toEqual(expect.any(String));
  });

  it('grants exactly one of many concurrent attempts', async () => {
    const name = uniqueId('lock');
    const other = await h.testStore().reopen();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? locks() : other.locks).tryAcquire(name, 60_000)),
    );
    expect(tokens.filter((token) => token !== undefined)).toHaveLength(1);
  });

  it('frees an expired lock for the next taker, and the old holder can no longer release it', async () => {
    const name = uniqueId('lock');
    const stale = (await locks().tryAcquire(name, 200)) as string;
    const fresh = await eventually(() => locks().tryAcquire(name, 60_000), 'the expired lock can be taken');
    expect(fresh).not.toBe(stale);
    expect(await locks().release(name, stale)).toBe(false);
    expect(await locks().release(name, fresh)).toBe(true);
  });
});
