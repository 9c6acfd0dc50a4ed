import { describe, expect, it } from '@jest/globals';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

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
