import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RECORD_MAX_AGE_MS, RecordCache, SERVE_STALE_WHILE_UNREACHABLE_MS } from '../../../src/store/cache/record_cache.js';

/** A ConfigVersion another process could move: `bump()` stands for its write. */
function fakeVersion(): ConfigVersion & { bump(): void; announced: number } {
  let version = 0;
  return {
    announced: 0,
    bump() {
      version += 1;
    },
    async read() {
      return String(version);
    },
    async changed() {
      this.announced += 1;
      version += 1;
    },
  };
}

describe('the in-process record cache', () => {
  it('reads a record from the store once while nothing changes', async () => {
    const cache = new RecordCache<{ name: string }>(fakeVersion());
    let loads = 0;
    const load = async () => ({ name: `read ${++loads}` });
    expect(await cache.get('a', load)).toEqual({ name: 'read 1' });
    expect(await cache.get('a', load)).toEqual({ name: 'read 1' });
    expect(loads).toBe(1);
  });

  it('serves every reader one deeply frozen instance, so no request can change what another sees', async () => {
    const cache = new RecordCache<{ name: string; keys: Array<{ kid: string }> }>(fakeVersion());
    const load = async () => ({ name: 'acme', keys: [{ kid: 'k1' }] });
    const first = await cache.get('a', load);
    const second = await cache.get('a', load);
    expect(second).toBe(first);
    expect(() => {
      first!.name = 'changed';
    }).toThrow(TypeError);
    expect(() => first!.keys.push({ kid: 'k2' })).toThrow(TypeError);
    expect(() => {
      first!.keys[0]!.kid = 'k9';
    }).toThrow(TypeError);
    expect(await cache.get('a', load)).toEqual({ name: 'acme', keys: [{ kid: 'k1' }] });
  });

  it('reads again once the version moves, whoever moved it', async () => {
    const version = fakeVersion();
    const cache = new RecordCache<{ name: string }>(version);
    let loads = 0;
    const load = async () => ({ name: `read ${++loads}` });
    await cache.get('a', load);
    version.bump();
    expect(await cache.get('a', load)).toEqual({ name: 'read 2' });
    await cache.changed();
    expect(version.announced).toBe(1);
    expect(await cache.get('a', load)).toEqual({ name: 'read 3' });
  });

  it('remembers a missing record, and shares one read between concurrent misses', async () => {
    const cache = new RecordCache<{ name: string }>(fakeVersion());
    let loads = 0;
    const load = async () => {
      loads += 1;
      return undefined;
    };
    await Promise.all([cache.get('missing', load), cache.get('missing', load)]);
    expect(await cache.get('missing', load)).toBeUndefined();
    expect(loads).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const cache = new RecordCache<{ name: string }>(fakeVersion());
    await expect(cache.get('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('a', async () => ({ name: 'back' }))).toEqual({ name: 'back' });
  });
});

/** A ConfigVersion whose store can be taken out of reach, and a clock the test moves. */
function unreachableVersion(): ConfigVersion & { down: boolean } {
  return {
    down: false,
    async read() {
      if (this.down) throw new StoreUnavailableError({ cause: new Error('The client is offline') });
      return '1';
    },
    async changed() {},
  };
}

describe('the in-process record cache while the store is out of reach', () => {
  let now = 1_000_000;
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const clock = () => jest.spyOn(Date, 'now').mockImplementation(() => now);
  const unavailable = () => Promise.reject(new StoreUnavailableError({ cause: new Error('The client is offline') }));
  const ALLOWED = { stale: 'allowed' } as const;

  it('serves each record as last read, also past its 30 s re-read, for the bound after the store last answered', async () => {
    clock();
    const version = unreachableVersion();
    const cache = new RecordCache<{ name: string }>(version);
    await cache.get('a', async () => ({ name: 'acme' }));
    await cache.get('gone', async () => undefined);

    version.down = true;
    now += RECORD_MAX_AGE_MS + 1;
    expect(await cache.get('a', unavailable, ALLOWED)).toEqual({ name: 'acme' });
    // A record known to be missing stays missing: an unknown client is still refused.
    expect(await cache.get('gone', unavailable, ALLOWED)).toBeUndefined();
    // The version answers again but the record's re-read fails: the copy still serves.
    version.down = false;
    expect(await cache.get('a', unavailable, ALLOWED)).toEqual({ name: 'acme' });

    version.down = true;
    now += SERVE_STALE_WHILE_UNREACHABLE_MS;
    expect(await cache.get('a', unavailable, ALLOWED)).toEqual({ name: 'acme' });
    now += 1;
    await expect(cache.get('a', unavailable, ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('serves nothing it never read, and no copy for a failure other than the store being out of reach', async () => {
    clock();
    const version = unreachableVersion();
    const cache = new RecordCache<{ name: string }>(version);
    await cache.get('a', async () => ({ name: 'acme' }));
    version.down = true;
    await expect(cache.get('never read', unavailable, ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);

    version.down = false;
    now += RECORD_MAX_AGE_MS + 1;
    await expect(cache.get('a', () => Promise.reject(new Error('a bug in the read')), ALLOWED)).rejects.toThrow('a bug in the read');
  });

  it('keeps no copy from before a change it was told of', async () => {
    const version = unreachableVersion();
    const cache = new RecordCache<{ name: string }>(version);
    await cache.get('a', async () => ({ name: 'before' }));
    await cache.changed();
    version.down = true;
    await expect(cache.get('a', unavailable, ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('serves the copy only to a read that allows it; any other read fails as the store does', async () => {
    clock();
    const version = unreachableVersion();
    const cache = new RecordCache<{ name: string }>(version);
    await cache.get('a', async () => ({ name: 'acme' }));

    // Unreachable at the version read.
    version.down = true;
    await expect(cache.get('a', unavailable)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(cache.get('a', unavailable, { stale: 'refused' })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await cache.get('a', unavailable, ALLOWED)).toEqual({ name: 'acme' });

    // Reachable for the version, unreachable for the record's re-read.
    version.down = false;
    now += RECORD_MAX_AGE_MS + 1;
    await expect(cache.get('a', unavailable)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await cache.get('a', unavailable, ALLOWED)).toEqual({ name: 'acme' });
  });

  it('answers a reachable store alike whatever the read allows', async () => {
    const cache = new RecordCache<{ name: string }>(unreachableVersion());
    let loads = 0;
    const load = async () => ({ name: `read ${++loads}` });
    expect(await cache.get('a', load)).toEqual({ name: 'read 1' });
    expect(await cache.get('a', load, ALLOWED)).toEqual({ name: 'read 1' });
    expect(await cache.get('a', load, { stale: 'refused' })).toEqual({ name: 'read 1' });
    expect(loads).toBe(1);
  });
});
