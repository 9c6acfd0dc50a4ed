import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import request, { type Response } from 'supertest';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';

/**
 * A Redis restarted without fitgate's data finds no tenant at any address. Every address then
 * answers 503 temporarily_unavailable with the cause readiness gives (JSON for programs, a page for
 * people), not 404 "There is no fitgate tenant at …" with its advice to open a dashboard that is
 * gone too; once the data is restored from Redis's backup, or a new start sets the store up anew,
 * the same requests answer as before. Runs on a redis-server of its own, without persistence, whose
 * RDB snapshot the test takes and puts back as an operator would.
 */

const CAUSE = "Redis lost fitgate's data (restarted without persistence or flushed?); restore it or restart fitgate to set it up anew";
const DESCRIPTION = `fitgate cannot serve right now: ${CAUSE}.`;
/** How long fitgate may take to reconnect to a restarted Redis and see what it holds. */
const SEEN_WITHIN_MS = 10_000;
const PROBE_INTERVAL_MS = 50;

describeWithRedisServer("answers while Redis has lost fitgate's data", () => {
  let redis: OwnRedisServer;
  let operator: ReturnType<typeof createClient>;
  let fitgate: FitgateOnRedis;
  let another: FitgateOnRedis | undefined;
  const prefix = uniquePrefix('data-lost-answers');

  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: redis.url });
    operator.on('error', () => undefined); // killed and restarted under it
    await operator.connect();
    fitgate = await startFitgateOnRedis(redis.url, prefix);
  }, 60_000);

  afterAll(async () => {
    await another?.store.close();
    await fitgate?.store.close();
    if (operator?.isOpen) operator.destroy();
    await redis?.cleanup();
  });

  const discovery = () => request(fitgate.app).get('/.well-known/openid-configuration').set('Host', HOST);
  const authorize = () =>
    request(fitgate.app)
      .get('/authorize')
      .query({ client_id: 'some-app', response_type: 'code', redirect_uri: 'https://app.example/cb', state: 's' })
      .set('Host', HOST)
      .set('Accept', 'text/html');
  const dashboard = () => request(fitgate.app).get('/manage/login').set('Host', HOST).set('Accept', 'text/html');
  const management = () => request(fitgate.app).get('/api/v2/clients').set('Host', HOST);
  const statuses = async () => Promise.all([discovery(), authorize(), dashboard(), management()].map(async (answer) => (await answer).status));

  /** Probes discovery until `seen` holds, for at most SEEN_WITHIN_MS; returns the last answer for the test to check. */
  async function discoveryOnce(seen: (answer: Response) => boolean): Promise<Response> {
    const deadline = Date.now() + SEEN_WITHIN_MS;
    let answer = await discovery();
    while (!seen(answer) && Date.now() < deadline) {
      await delay(PROBE_INTERVAL_MS);
      answer = await discovery();
    }
    return answer;
  }

  const lost = (answer: Response) => answer.status === 503 && answer.body?.error_description === DESCRIPTION;

  it('answers 503 with the cause everywhere, and as before once the data is restored', async () => {
    const before = await statuses();
    expect(before[0]).toBe(200);
    expect(before).not.toContain(503);

    // The operator's backup: an RDB snapshot, kept aside so the restart below starts empty.
    await operator.sendCommand(['SAVE']);
    const dir = String((await operator.configGet('dir')).dir);
    renameSync(join(dir, 'dump.rdb'), join(dir, 'backup.rdb'));
    await redis.kill();
    await redis.start();

    const json = await discoveryOnce(lost);
    expect(json.status).toBe(503);
    expect(json.headers['retry-after']).toBe('5');
    expect(json.body).toEqual({ error: 'temporarily_unavailable', error_description: DESCRIPTION });

    for (const page of [await authorize(), await dashboard()]) {
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Temporarily unavailable');
      expect(page.text).toContain(CAUSE.replace(/'/g, '&#39;'));
      expect(page.text).not.toContain('There is no fitgate tenant');
      expect(page.text).not.toContain('open the dashboard');
    }
    const api = await management();
    expect(api.status).toBe(503);
    expect(api.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: DESCRIPTION, errorCode: 'temporarily_unavailable' });

    // Restored from the backup: Redis restarted with it.
    await redis.kill();
    renameSync(join(dir, 'backup.rdb'), join(dir, 'dump.rdb'));
    await redis.start();
    expect((await discoveryOnce((answer) => answer.status === 200)).status).toBe(200);
    expect(await statuses()).toEqual(before);
  }, 60_000);

  it('answers as before once a new start has set the store up anew', async () => {
    const before = await statuses();
    expect(before[0]).toBe(200);
    await operator.flushAll();
    expect(lost(await discoveryOnce(lost))).toBe(true);

    // "restart fitgate to set it up anew": another process's start does it for this one too.
    another = await startFitgateOnRedis(redis.url, prefix);
    expect((await discoveryOnce((answer) => answer.status === 200)).status).toBe(200);
    expect(await statuses()).toEqual(before);
  }, 60_000);
});
