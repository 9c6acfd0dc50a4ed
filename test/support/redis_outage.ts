import { setTimeout as delay } from 'node:timers/promises';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { CONFIG_VERSION_CHECK_MS } from '../../src/store/redis/redis_config_version.js';
import { startOwnRedisServer, type OwnRedisServer } from './redis_server.js';

/** How long a restarted Redis may take until fitgate's client has reconnected and /health/ready says so. */
const BACK_WITHIN_MS = 5000;
const PROBE_INTERVAL_MS = 50;

/**
 * A real Redis outage in the middle of a test: a redis-server of the test's own that comes back
 * with fitgate's data after a kill, the kill, and the way back.
 */

/** A redis-server of the test's own that a kill does not empty: AOF, written before every reply. */
export function startRedisThatSurvivesKill(): Promise<OwnRedisServer> {
  return startOwnRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes', '--appendfsync', 'always']);
}

/**
 * Kills Redis and lets the outage outlast the window in which fitgate reuses the configuration
 * version it read last: within it, cached records are served as fresh, with no outage handling at
 * all. Not a wait for readiness: nothing becomes ready.
 */
export async function beginRedisOutage(redis: OwnRedisServer): Promise<void> {
  await redis.kill();
  await delay(4 * CONFIG_VERSION_CHECK_MS);
}

/**
 * Starts Redis again and probes `app`'s /health/ready until it answers 200 or BACK_WITHIN_MS has
 * passed; returns the last answer for the test to check, so a fitgate that never recovers fails it.
 */
export async function endRedisOutage(redis: OwnRedisServer, app: Express): Promise<Response> {
  await redis.start();
  const deadline = Date.now() + BACK_WITHIN_MS;
  let ready = await request(app).get('/health/ready');
  while (ready.status !== 200 && Date.now() < deadline) {
    await delay(PROBE_INTERVAL_MS);
    ready = await request(app).get('/health/ready');
  }
  return ready;
}
