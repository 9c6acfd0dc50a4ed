import type { RedisStore } from '../src/store/redis/redis_store.js';

/** Redis bytes held by fitgate's records, from MEMORY USAGE (key, value and Redis's overhead). */

type RedisClient = RedisStore['client'];

const SAMPLE_LIMIT = 2_000;

export async function keysUnder(client: RedisClient, pattern: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 5_000 })) for (const key of batch) keys.add(key);
  return keys;
}

export async function memoryUsage(client: RedisClient, keys: Iterable<string>): Promise<number> {
  const sizes = await Promise.all([...keys].map((key) => client.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0'])));
  return sizes.reduce<number>((sum, size) => sum + (typeof size === 'number' ? size : 0), 0);
}

/** Mean bytes per session over up to SAMPLE_LIMIT sessions of signed-in users. */
export async function bytesPerSession(store: RedisStore): Promise<{ bytes: number; sampled: number }> {
  const all = [...(await keysUnder(store.client, `${store.keys.sessionPrefix()}*`))].slice(0, SAMPLE_LIMIT);
  if (all.length === 0) return { bytes: 0, sampled: 0 };
  return { bytes: Math.round((await memoryUsage(store.client, all)) / all.length), sampled: all.length };
}

/**
 * Bytes a pending login holds: every key that appears while `startLogins` starts `count` logins
 * and finishes none (the login transaction, and the session binding it to the browser), divided
 * by `count`. Nothing else may write to the store meanwhile.
 */
export async function bytesPerPendingLogin(
  store: RedisStore,
  count: number,
  startLogins: () => Promise<void>,
): Promise<{ bytes: number; sampled: number; keysPerLogin: number }> {
  const pattern = `${store.keys.prefix}*`;
  const before = await keysUnder(store.client, pattern);
  await startLogins();
  const added = [...(await keysUnder(store.client, pattern))].filter((key) => !before.has(key));
  return { bytes: Math.round((await memoryUsage(store.client, added)) / count), sampled: count, keysPerLogin: added.length / count };
}

/** Removes every key under the prefix (the run's own); returns how many. */
export async function deleteUnder(client: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const batch of client.scanIterator({ MATCH: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, COUNT: 10_000 })) {
    if (batch.length > 0) deleted += await client.unlink(batch);
  }
  return deleted;
}
