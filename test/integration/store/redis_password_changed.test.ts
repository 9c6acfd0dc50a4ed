import { expect, it } from '@jest/globals';
import request from 'supertest';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../http/fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer } from '../../support/redis_server.js';
import { useRedisUnderOperator } from '../../support/redis_under_operator.js';
import { readinessOnceChanged } from '../../support/readiness.js';
import { eventually } from './eventually.js';

const FIRST_PASSWORD = 'first-password-4f1c';
const ROTATED_PASSWORD = 'rotated-password-9d2e';

/**
 * A password (or ACL) changed on a running Redis: fitgate's reconnections are refused, which must
 * not read as "Redis is not answering". The refusal is logged once, with REDIS_URL's password
 * masked, /health/ready says it in words, and requests are answered 503 (not 500) meanwhile.
 * Runs on a redis-server of its own, whose password the test changes as an operator would.
 */
describeWithRedisServer('Redis refusing fitgate\'s credentials while it runs', () => {
  const redis = useRedisUnderOperator();

  /** Refused reconnections seen on `fitgate`'s own connection, counted from now. */
  function refusedAttempts(fitgate: FitgateOnRedis, reply: RegExp): { count: number } {
    const seen = { count: 0 };
    (fitgate.store as RedisStore).client.on('error', (error: Error) => {
      if (reply.test(error.message)) seen.count += 1;
    });
    return seen;
  }

  const refusalLines = (fitgate: FitgateOnRedis) =>
    fitgate.logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.msg.includes('refuses its credentials'));
  // A tenant this process never read: answering it needs Redis.
  const needingRedis = (fitgate: FitgateOnRedis) => request(fitgate.app).get('/.well-known/openid-configuration').set('Host', `uncached.${HOST}`);

  it('WRONGPASS: logs the refusal once with the password masked, and readiness says "refused"', async () => {
    await redis.operator.configSet('requirepass', FIRST_PASSWORD);
    const fitgate = await startFitgateOnRedis(`redis://:${FIRST_PASSWORD}@127.0.0.1:${redis.server.port}`, uniquePrefix('pw-rotated'));
    redis.closeAfter(fitgate.store);
    expect((await request(fitgate.app).get('/health/ready')).status).toBe(200);
    const attempts = refusedAttempts(fitgate, /^WRONGPASS/);

    await redis.changePassword(ROTATED_PASSWORD);
    // Several reconnections refused (about one a second), so "once" is tested against repeats.
    await eventually(async () => (attempts.count >= 3 ? true : undefined), 'three reconnections were refused', 10_000);

    const lines = refusalLines(fitgate);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(50);
    expect(lines[0]!.msg).toContain(`redis://:***@127.0.0.1:${redis.server.port}`);
    expect(lines[0]!.msg).toContain('WRONGPASS');
    expect(fitgate.logLines.join('\n')).not.toContain(FIRST_PASSWORD);
    expect(fitgate.logLines.join('\n')).not.toContain(ROTATED_PASSWORD);

    const ready = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (answer) => answer.status !== 200);
    expect(ready.status).toBe(503);
    expect(ready.body.store).toMatch(/^refused: Redis refuses REDIS_URL's credentials \(WRONGPASS/);
    expect((await needingRedis(fitgate)).status).toBe(503);
    await redis.changePassword('');
  }, 30_000);

  it('NOAUTH: a password set on a Redis fitgate reaches without one is logged once, said by readiness, and answered 503, not 500', async () => {
    const fitgate = await startFitgateOnRedis(redis.server.url, uniquePrefix('pw-added'));
    redis.closeAfter(fitgate.store);
    expect((await request(fitgate.app).get('/health/ready')).status).toBe(200);

    // The reconnection succeeds (no AUTH is sent), and Redis then refuses every command.
    await redis.changePassword(FIRST_PASSWORD);
    const [line] = await eventually(async () => (refusalLines(fitgate).length > 0 ? refusalLines(fitgate) : undefined), 'the refusal was logged');
    expect(line!.msg).toContain('NOAUTH');

    const ready = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (answer) => answer.status !== 200);
    expect(ready.status).toBe(503);
    expect(ready.body.store).toMatch(/^refused: Redis wants a password and REDIS_URL has none \(NOAUTH\)/);
    const answer = await needingRedis(fitgate);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: 'temporarily_unavailable' });
    expect(refusalLines(fitgate)).toHaveLength(1);
    await redis.operator.configSet('requirepass', '');
  }, 30_000);
});
