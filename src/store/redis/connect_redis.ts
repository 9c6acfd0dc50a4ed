import { createClient } from 'redis';
import type { RedisClient } from './redis_client.js';

export interface ConnectRedisOptions {
  url: string;
  /** Told about connection errors after start-up (node-redis reconnects by itself meanwhile). */
  onError?: (error: Error) => void;
}

/**
 * Connects to Redis, failing fast with an error naming REDIS_URL when the first connection does not
 * succeed; once connected, a dropped connection is retried with backoff (capped at 3 s) while
 * commands wait or fail, and /health/ready reports it.
 */
export async function connectRedis({ url, onError }: ConnectRedisOptions): Promise<RedisClient> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      // false before the first success makes connect() reject with the cause instead of retrying forever.
      reconnectStrategy: (retries) => (connected ? Math.min(100 * 2 ** retries, 3000) : false),
    },
  });
  client.on('error', (error: Error) => {
    if (connected) onError?.(error);
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`cannot connect to Redis at REDIS_URL (${redactUrl(url)}): ${(error as Error).message}`, { cause: error });
  }
  connected = true;
  return client;
}

/** The URL without its password, for error messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}
