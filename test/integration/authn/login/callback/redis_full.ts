import { afterAll, beforeAll } from '@jest/globals';
import { createClient } from 'redis';
import { connectRedis } from '../../../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../../../src/store/redis/redis_store.js';
import type { Store } from '../../../../../src/store/store.js';
import { startFrontChannel, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import type { WriteFault } from '../../../../support/authn/login_through_write_fault.js';
import type { TestEmulator } from '../../../../support/emulator.js';
import { uniquePrefix } from '../../../../support/redis.js';
import { startOwnRedisServer, type OwnRedisServer } from '../../../../support/redis_server.js';

/**
 * For a describeWithRedisServer block: fitgate on a redis-server of the block's own under noeviction,
 * with `environment`, started in beforeAll and stopped in afterAll. `full` fills Redis (maxmemory 1:
 * writes refused, reads answered) and frees it again.
 */
export function useFitgateOnFullableRedis(emulator: () => TestEmulator, prefix: string, environment: Record<string, string>): { fitgate: () => FrontChannel; full: WriteFault } {
  let redis: OwnRedisServer | undefined;
  let operator: ReturnType<typeof createClient> | undefined;
  let store: Store | undefined;
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: redis.url });
    await operator.connect();
    const redisStore = new RedisStore(await connectRedis({ url: redis.url }), uniquePrefix(prefix));
    await redisStore.markInitialised();
    store = redisStore;
    fitgate = await startFrontChannel({ store, upstream: { kind: 'emulator', emulator: emulator() }, environment });
  }, 60_000);
  afterAll(async () => {
    await operator?.configSet('maxmemory', '0');
    await fitgate?.close();
    await store?.close();
    operator?.destroy();
    await redis?.cleanup();
  });

  return {
    fitgate: () => fitgate!,
    full: {
      async begin() {
        await operator!.configSet('maxmemory', '1');
      },
      async end() {
        await operator!.configSet('maxmemory', '0');
      },
    },
  };
}
