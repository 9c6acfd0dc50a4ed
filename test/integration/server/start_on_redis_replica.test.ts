import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { waitUntil } from '../../support/emulator.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

/**
 * REDIS_URL left on a replica (a failover demoted the node it names): the first writes of start-up
 * are refused with READONLY. fitgate exits saying what that means and what to do, not with Redis's
 * bare reply.
 */
describeWithRedisServer('starting with REDIS_URL on a replica', () => {
  const servers: OwnRedisServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.cleanup();
  });

  it('exits with code 1 and says to point REDIS_URL at the primary', async () => {
    const primary = await startOwnRedisServer();
    servers.push(primary);
    const replica = await startOwnRedisServer(['--replicaof', '127.0.0.1', String(primary.port)]);
    servers.push(replica);
    const probe = createClient({ url: replica.url });
    probe.on('error', () => undefined);
    await probe.connect();
    try {
      await waitUntil(async () => (await probe.info('replication')).includes('master_link_status:up'), 'the replica follows its primary', 15_000);
    } finally {
      probe.destroy();
    }

    const server = startServer({
      FITGATE_DATA_DIR: tempDataDir(),
      REDIS_URL: replica.url,
      FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    });

    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toContain(
      'fitgate: could not start: Redis at REDIS_URL is read-only: Redis is a replica and refuses every write (READONLY); point REDIS_URL at the primary\n',
    );
  }, SERVER_TEST_TIMEOUT_MS);
});
