import { afterAll, beforeAll } from '@jest/globals';
import { createClient } from 'redis';
import type { Store } from '../../src/store/store.js';
import { startOwnRedisServer, type OwnRedisServer } from './redis_server.js';

/** A redis-server of the test's own, and an operator's connection to it that changes its password. */
export interface RedisUnderOperator {
  readonly server: OwnRedisServer;
  /** The operator's own connection, which changePassword() keeps. */
  readonly operator: ReturnType<typeof createClient>;
  /**
   * Sets Redis's password ('' lifts it) and drops every other connection, so clients reconnect
   * with what their URL says; the operator authenticates with the new one.
   */
  changePassword(password: string): Promise<void>;
  /** Closes `store` after the block, once the password is lifted: its reconnection then succeeds, so it closes cleanly. */
  closeAfter(store: Store): void;
}

/**
 * For a describe block: starts the redis-server and the operator's connection in beforeAll; in
 * afterAll lifts the password, closes the stores handed to closeAfter(), then the connection and
 * the server. The handle reads what is running, so use it inside tests and hooks only.
 */
export function useRedisUnderOperator(): RedisUnderOperator {
  let server: OwnRedisServer | undefined;
  let operator: ReturnType<typeof createClient> | undefined;
  const stores: Store[] = [];
  const running = <T>(started: T | undefined): T => {
    if (!started) throw new Error('no Redis under an operator: read it inside a test or hook of the block that called useRedisUnderOperator()');
    return started;
  };

  beforeAll(async () => {
    server = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: server.url });
    operator.on('error', () => undefined);
    await operator.connect();
  });

  afterAll(async () => {
    await operator?.configSet('requirepass', '');
    for (const store of stores) await store.close();
    operator?.destroy();
    await server?.cleanup();
  });

  return {
    get server() {
      return running(server);
    },
    get operator() {
      return running(operator);
    },
    async changePassword(password) {
      const connection = running(operator);
      await connection.configSet('requirepass', password);
      await connection.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
      if (password) await connection.sendCommand(['AUTH', password]);
    },
    closeAfter(store) {
      stores.push(store);
    },
  };
}
