import { randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { createClient } from 'redis';

/**
 * Redis for tests: always the local server, never another address. A suite that needs Redis uses
 * describeWithRedis(); each test file takes its own uniquePrefix() and deletes it afterwards, so
 * parallel test files and other runs sharing the server never see each other's keys.
 */

export const redisUrl = 'redis://127.0.0.1:6379';

/** True when Redis answers PING at redisUrl within five seconds (generous: a loaded machine is not a missing Redis). */
export async function redisAvailable(): Promise<boolean> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on('error', () => undefined); // a refused connection is an answer here, not a crash
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Probed once per test file, when the file is loaded (Jest collects suites synchronously). */
const available = await redisAvailable();
const required = process.env.REQUIRE_REDIS === '1';

/**
 * `describe` when Redis answers. Without Redis: with REQUIRE_REDIS=1 the suite fails with a test
 * saying so; otherwise it is skipped with a loud warning, so a developer without Redis can still
 * run the rest.
 */
export function describeWithRedis(title: string, suite: () => void): void {
  if (available) {
    describe(title, suite);
  } else if (required) {
    describe(title, () => {
      it('needs Redis, which does not answer', () => {
        throw new Error(`REQUIRE_REDIS=1 but Redis does not answer at ${redisUrl}: start redis-server and run again`);
      });
    });
  } else {
    console.warn(
      `\n!!! SKIPPED "${title}": Redis does not answer at ${redisUrl}. ` +
        'Start redis-server to run it (REQUIRE_REDIS=1 turns this into a failure).\n',
    );
    const skipped = describe.skip;
    skipped(title, suite);
  }
}

/** A key prefix no other test file or run uses, e.g. "fitgate-test:users:4711:9f2c1a7e:". */
export function uniquePrefix(label: string): string {
  const safeLabel = label.replace(/[^A-Za-z0-9_-]/g, '_');
  return `fitgate-test:${safeLabel}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Every key under the prefix (for dumps in tests). */
export async function keysWithPrefix(prefix: string): Promise<string[]> {
  return withClient(async (client) => {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 500 })) keys.push(...batch);
    return keys;
  });
}

/** Deletes every key under the prefix; returns how many were deleted. */
export async function deleteKeysWithPrefix(prefix: string): Promise<number> {
  const keys = await keysWithPrefix(prefix);
  if (keys.length === 0) return 0;
  return withClient(async (client) => {
    let deleted = 0;
    for (let start = 0; start < keys.length; start += 500) deleted += await client.unlink(keys.slice(start, start + 500));
    return deleted;
  });
}

async function withClient<T>(work: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
