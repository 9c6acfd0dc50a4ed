import { expect, it } from '@jest/globals';
import request from 'supertest';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../http/fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer } from '../../support/redis_server.js';
import { useRedisUnderOperator } from '../../support/redis_under_operator.js';
import { readinessOnceChanged } from '../../support/readiness.js';
import { eventually } from './eventually.js';

const FIRST_PASSWORD = 'first-password-7b3a';
const ROTATED_PASSWORD = 'rotated-password-2c8f';

interface LogLine {
  readonly level: number;
  readonly msg: string;
}

/**
 * The end of a refusal of fitgate's credentials (redis_password_changed.test.ts) is logged too, once,
 * at info, with REDIS_URL's password masked: whether the connection comes back (the password put
 * back on Redis: the reconnection is accepted) or never went (a password lifted on a Redis whose
 * connection had been refusing every command with NOAUTH, which no connection event tells).
 * Runs on a redis-server of its own, whose password the test changes as an operator would.
 */
describeWithRedisServer('Redis accepting fitgate\'s credentials again', () => {
  const redis = useRedisUnderOperator();

  const lines = (fitgate: FitgateOnRedis): LogLine[] => fitgate.logLines.map((line) => JSON.parse(line) as LogLine);
  const refusalLines = (fitgate: FitgateOnRedis) => lines(fitgate).filter((line) => line.msg.includes('refuses its credentials'));
  const acceptedLines = (fitgate: FitgateOnRedis) => lines(fitgate).filter((line) => line.msg.includes('accepts its credentials again'));
  const backLines = (fitgate: FitgateOnRedis) => lines(fitgate).filter((line) => line.msg.startsWith('Redis connection is back'));
  const logged = (fitgate: FitgateOnRedis, pick: (fitgate: FitgateOnRedis) => LogLine[], count: number, what: string) =>
    eventually(async () => (pick(fitgate).length >= count ? pick(fitgate) : undefined), what, 10_000);
  const ready = (fitgate: FitgateOnRedis) => request(fitgate.app).get('/health/ready');
  // A tenant this process never read: answering it needs Redis (404 when Redis answers, 503 when it cannot).
  const needingRedis = (fitgate: FitgateOnRedis) => request(fitgate.app).get('/.well-known/openid-configuration').set('Host', `uncached.${HOST}`);

  it('NOAUTH, then the password lifted on Redis: logged once at info, readiness ready, requests served; a later plain outage says only "back"', async () => {
    const fitgate = await startFitgateOnRedis(redis.server.url, uniquePrefix('pw-lifted'));
    redis.closeAfter(fitgate.store);
    await redis.changePassword(FIRST_PASSWORD);
    await logged(fitgate, refusalLines, 1, 'the refusal was logged');
    expect((await readinessOnceChanged(() => ready(fitgate), (answer) => answer.status !== 200)).status).toBe(503);

    // Not a reconnection: the connection that Redis refused stays up, and now its commands are served.
    await redis.operator.configSet('requirepass', '');
    const [accepted] = await logged(fitgate, acceptedLines, 1, 'the end of the refusal was logged');

    expect(accepted).toMatchObject({ level: 30, msg: `Redis connection is back: Redis at REDIS_URL (${redis.server.url}) accepts its credentials again, and requests are served` });
    const order = lines(fitgate).map((line) => line.msg);
    expect(order.indexOf(accepted!.msg)).toBeGreaterThan(order.indexOf(refusalLines(fitgate)[0]!.msg));
    expect((await readinessOnceChanged(() => ready(fitgate), (answer) => answer.status === 200)).status).toBe(200);
    expect((await needingRedis(fitgate)).status).toBe(404);

    // The next outage, with no refusal in it, ends with the plain line, and the first is not repeated.
    await redis.operator.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
    await logged(fitgate, backLines, 2, 'the connection was back after the second outage');
    expect(backLines(fitgate).map((line) => line.msg)).toEqual([accepted!.msg, 'Redis connection is back']);
    expect(acceptedLines(fitgate)).toHaveLength(1);
    expect(refusalLines(fitgate)).toHaveLength(1);
  }, 30_000);

  it('WRONGPASS, then the password REDIS_URL has put back on Redis: logged once at info, masked, and served again', async () => {
    await redis.changePassword(FIRST_PASSWORD);
    const url = `redis://:${FIRST_PASSWORD}@127.0.0.1:${redis.server.port}`;
    const fitgate = await startFitgateOnRedis(url, uniquePrefix('pw-restored'));
    redis.closeAfter(fitgate.store);
    await redis.changePassword(ROTATED_PASSWORD);
    await logged(fitgate, refusalLines, 1, 'the refusal was logged');

    await redis.changePassword(FIRST_PASSWORD);
    const [accepted] = await logged(fitgate, acceptedLines, 1, 'the end of the refusal was logged');

    expect(accepted).toMatchObject({ level: 30, msg: `Redis connection is back: Redis at REDIS_URL (redis://:***@127.0.0.1:${redis.server.port}) accepts its credentials again, and requests are served` });
    expect(fitgate.logLines.join('\n')).not.toContain(FIRST_PASSWORD);
    expect((await readinessOnceChanged(() => ready(fitgate), (answer) => answer.status === 200)).status).toBe(200);
    expect(acceptedLines(fitgate)).toHaveLength(1);
    expect(refusalLines(fitgate)).toHaveLength(1);
    await redis.changePassword('');
  }, 30_000);
});
