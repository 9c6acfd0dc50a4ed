import { createHash } from 'node:crypto';
import type { RedisClient } from './redis_client.js';

/**
 * A Lua script run by its SHA (EVALSHA), loading it with EVAL only when the server does not have
 * it yet (first use, or after a restart or SCRIPT FLUSH). Each script runs atomically in Redis.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
