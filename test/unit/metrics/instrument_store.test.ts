import { describe, expect, it } from '@jest/globals';
import { instrumentStore } from '../../../src/metrics/instrument_store.js';
import type { StoreMetrics } from '../../../src/metrics/metrics.js';
import type { Store } from '../../../src/store/store.js';

/** Records what the instrumented store reports, by "repository.operation". */
function recordingMetrics() {
  const calls: Array<{ operation: string; failed: boolean }> = [];
  let ping: (() => Promise<void>) | undefined;
  const metrics: Pick<StoreMetrics, 'recorderFor' | 'watchAvailability'> = {
    recorderFor: (repository, operation) => (_seconds, failed) => calls.push({ operation: `${repository}.${operation}`, failed }),
    watchAvailability: (storePing) => {
      ping = storePing;
    },
  };
  return { metrics, calls, ping: () => ping?.() };
}

/** A repository class with a #private field, as the real adapters may have. */
class Tenants {
  readonly #names = new Set(['acme']);
  async get(name: string) {
    return this.#names.has(name) ? { name } : undefined;
  }
  async create(): Promise<void> {
    throw new Error('taken');
  }
  keyOf(name: string): string {
    return `tenant:${name}`;
  }
}

class FakeStore {
  readonly kind = 'sqlite' as const;
  readonly tenants = new Tenants();
  #closed = false;
  pings = 0;
  async ping(): Promise<void> {
    this.pings += 1;
  }
  async close(): Promise<void> {
    this.#closed = true;
  }
  get closed(): boolean {
    return this.#closed;
  }
}

const aStore = () => new FakeStore() as unknown as Store & FakeStore;

describe('instrumentStore', () => {
  it('reports each repository call once, with whether it failed, and answers as the store does', async () => {
    const { metrics, calls } = recordingMetrics();
    const store = instrumentStore(aStore(), metrics);
    expect(await store.tenants.get('acme')).toEqual({ name: 'acme' });
    expect(await store.tenants.get('globex')).toBeUndefined();
    await expect(store.tenants.create({} as never)).rejects.toThrow('taken');
    expect(calls).toEqual([
      { operation: 'tenants.get', failed: false },
      { operation: 'tenants.get', failed: false },
      { operation: 'tenants.create', failed: true },
    ]);
  });

  it('passes synchronous helpers through untimed, and reaches the original for everything else', async () => {
    const { metrics, calls } = recordingMetrics();
    const original = aStore();
    const store = instrumentStore(original, metrics);
    expect((store.tenants as unknown as Tenants).keyOf('acme')).toBe('tenant:acme');
    expect(store.kind).toBe('sqlite');
    await store.close();
    expect(original.closed).toBe(true);
    expect(calls).toEqual([]);
  });

  it('hands the store ping to the availability gauge', async () => {
    const { metrics, ping } = recordingMetrics();
    const original = aStore();
    instrumentStore(original, metrics);
    await ping();
    expect(original.pings).toBe(1);
  });
});
