import { afterEach, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import request from 'supertest';
import { REDIS_NOT_SAVING, REDIS_READ_ONLY } from '../../../src/store/redis/redis_readiness.js';
import { RedisKeys } from '../../../src/store/redis/keys.js';
import { waitUntil } from '../../support/emulator.js';
import { startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { readinessOnceChanged } from '../../support/readiness.js';

/**
 * A Redis that answers every read but refuses every write for a reason of its own: a replica
 * (READONLY, e.g. REDIS_URL left on a node a failover demoted) or a primary whose last RDB snapshot
 * failed (MISCONF). /health/ready must name the reason and what to do, not call Redis "not
 * answering". Each case runs on redis-servers of its own; the shared server is left alone.
 */

const WAIT_MS = 10_000;

describeWithRedisServer('/health/ready when Redis answers but refuses writes', () => {
  const servers: OwnRedisServer[] = [];
  const clients: Array<ReturnType<typeof createClient>> = [];
  const fitgates: FitgateOnRedis[] = [];

  afterEach(async () => {
    for (const fitgate of fitgates.splice(0)) await fitgate.store.close();
    for (const client of clients.splice(0)) if (client.isOpen) client.destroy();
    for (const server of servers.splice(0)) await server.cleanup();
  });

  async function ownServer(options: string[] = []): Promise<OwnRedisServer> {
    const server = await startOwnRedisServer(options);
    servers.push(server);
    return server;
  }

  async function operatorOf(server: OwnRedisServer): Promise<ReturnType<typeof createClient>> {
    const client = createClient({ url: server.url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  async function fitgateOn(url: string, prefix: string): Promise<FitgateOnRedis> {
    const fitgate = await startFitgateOnRedis(url, prefix);
    fitgates.push(fitgate);
    return fitgate;
  }

  it('says "read-only" and to point REDIS_URL at the primary when a failover leaves fitgate on a replica', async () => {
    const prefix = uniquePrefix('health-read-only');
    const first = await ownServer();
    const second = await ownServer(['--replicaof', '127.0.0.1', String(first.port)]);
    const fitgate = await fitgateOn(first.url, prefix); // its start writes the store marker, replicated to the second
    const marker = new RedisKeys(prefix).storeMarker();
    const onSecond = await operatorOf(second);
    await waitUntil(async () => (await onSecond.exists(marker)) === 1, 'the store marker is replicated', WAIT_MS);
    expect((await request(fitgate.readinessDetails).get('/health/ready')).body.store).toBe('ok');

    // The failover: the second becomes the primary, the first (still fitgate's REDIS_URL) its replica.
    await onSecond.sendCommand(['REPLICAOF', 'NO', 'ONE']);
    await (await operatorOf(first)).sendCommand(['REPLICAOF', '127.0.0.1', String(second.port)]);
    await waitUntil(async () => (await fitgate.store.readiness?.()) === REDIS_READ_ONLY, 'the first server answers as a replica', WAIT_MS);

    const answer = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (ready) => ready.status !== 200);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toMatchObject({ status: 'unavailable', store: REDIS_READ_ONLY });
    expect(answer.body.store).toBe('read-only: Redis is a replica and refuses every write (READONLY); point REDIS_URL at the primary');
  });

  it('says "not saving" when Redis refuses writes after a failed snapshot, and is ready once it saves again', async () => {
    // /proc takes no files, even from root: every snapshot fails; a save point makes Redis stop writes then.
    const server = await ownServer(['--dir', '/proc', '--save', '3600 1']);
    const fitgate = await fitgateOn(server.url, uniquePrefix('health-not-saving'));
    const operator = await operatorOf(server);
    await operator.bgSave();
    await waitUntil(async () => (await operator.info('persistence')).includes('rdb_last_bgsave_status:err'), 'the snapshot has failed', WAIT_MS);

    const answer = await request(fitgate.readinessDetails).get('/health/ready');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 'unavailable', store: REDIS_NOT_SAVING });

    await operator.configSet('stop-writes-on-bgsave-error', 'no');
    const again = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (ready) => ready.status !== 503);
    expect(again.status).toBe(200);
    expect(again.body.store).toBe('ok');
  });
});
