import { afterAll, beforeAll, it } from '@jest/globals';
import { createClient } from 'redis';
import { connectRedis } from '../../../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../../../src/store/redis/redis_store.js';
import type { Store } from '../../../../../src/store/store.js';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import { loginThroughWriteFault } from '../../../../support/authn/login_through_write_fault.js';
import { uniquePrefix } from '../../../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../../../support/redis_server.js';

const emulator = useEmulator('alice');

/**
 * /login/callback's first write is the take of its login. A full Redis (noeviction) refuses writes
 * but not GETDEL, which only frees memory; with nothing counted before the take (rate limits off
 * here; with them on, the first callback a process sees after Redis filled up, before a batch of
 * its counts has failed), the take must still be refused, or the upstream code is spent and the
 * user's write fails after it, and the login is gone. Refused, the application hears
 * temporarily_unavailable with its state, and the same callback URL finishes the login once Redis
 * has room again.
 */
describeWithRedisServer('/login/callback when Redis is full at the take of its login', () => {
  let redis: OwnRedisServer | undefined;
  let operator: ReturnType<typeof createClient> | undefined;
  let store: Store | undefined;
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: redis.url });
    await operator.connect();
    const redisStore = new RedisStore(await connectRedis({ url: redis.url }), uniquePrefix('callback-take-full'));
    await redisStore.markInitialised();
    store = redisStore;
    fitgate = await startFrontChannel({ store, upstream: { kind: 'emulator', emulator: emulator() }, environment: { FITGATE_RATE_LIMITS: 'off' } });
  }, 60_000);
  afterAll(async () => {
    await operator?.configSet('maxmemory', '0');
    await fitgate?.close();
    await store?.close();
    operator?.destroy();
    await redis?.cleanup();
  });

  it('sends the client temporarily_unavailable with its state, and the same callback finishes the login once Redis has room', async () => {
    await loginThroughWriteFault(fitgate!, {
      async begin() {
        await operator!.configSet('maxmemory', '1');
      },
      async end() {
        await operator!.configSet('maxmemory', '0');
      },
    }, 'query', false);
  }, 60_000);
});
