import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { StoreCountsSource } from '../store_counts.js';
import { connectRedis, withoutUrlPassword } from './connect_redis.js';
import { hashRawTicketKeys } from './hashed_ticket_keys_step.js';
import { grantImplicitToStoredClients } from './implicit_grant_step.js';
import { checkRedisSettings, type RedisSettingsReport } from './redis_settings.js';
import { RedisStore } from './redis_store.js';

/**
 * How often the settings are read again while connected: `CONFIG SET maxmemory-policy allkeys-lru`
 * on a running Redis would otherwise go unseen until the next reconnect, while keys may be evicted.
 */
export const SETTINGS_RECHECK_MS = 60_000;

/**
 * Connects, then reads Redis's eviction and persistence settings: an evicting Redis stops a
 * production start (fitgate would lose users and tokens without a word); in development and test,
 * and for every lesser finding, it is a warning. The check runs again whenever the connection comes
 * back, since a restarted Redis may have come back with other settings, and every
 * SETTINGS_RECHECK_MS, since they can be changed at runtime; a changed finding is logged again, and
 * /health/ready shows the latest. Then the one-time data steps run (the embedded store's are migrations).
 */
export async function openRedisStore(
  config: Config,
  redis: NonNullable<Config['redis']>,
  logger?: Logger,
  metrics?: StoreCountsSource,
  { settingsRecheckMs = SETTINGS_RECHECK_MS }: { settingsRecheckMs?: number } = {},
): Promise<RedisStore> {
  // Filled in once the store exists; the reconnect hook is registered before that.
  const opening: { store?: RedisStore } = {};
  const client = await connectRedis({
    url: redis.url,
    onError: (error) => logger?.error({ err: error }, 'Redis connection lost: requests are answered 503 until it is back'),
    // Counted apart from the log line: a loss Redis answers with a credential refusal logs that instead.
    onLost: () => metrics?.store?.connectionLost(),
    onRefused: (error) =>
      logger?.error(
        { err: error },
        `Redis at REDIS_URL (${withoutUrlPassword(redis.url)}) refuses its credentials: ${error.message} ` +
          '(changed on the running Redis?); requests are answered 503 until REDIS_URL has the current ones and fitgate is restarted',
      ),
    onReconnect: ({ refused }) => {
      logger?.info(
        refused
          ? `Redis connection is back: Redis at REDIS_URL (${withoutUrlPassword(redis.url)}) accepts its credentials again, and requests are served`
          : 'Redis connection is back',
      );
      if (!opening.store) return;
      void recheck(opening.store, logger);
      // A Redis restarted without its data is noticed now, not at the next readiness probe (the store logs it).
      void opening.store.readiness().catch(() => undefined);
    },
  });
  const opened = new RedisStore(client, redis.prefix, logger, metrics);
  const report = await checkRedisSettings(client).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  if (report.evicting && config.env === 'production') {
    await opened.close();
    throw new Error(report.findings[0]);
  }
  opened.settings = report;
  warn(report, logger);
  const granted = await grantImplicitToStoredClients(opened).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  if (granted > 0) logger?.info({ clients: granted }, 'clients stored before the implicit grant type existed keep their id_token responses: implicit added to their grant types');
  const hashed = await hashRawTicketKeys(opened).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  if (hashed > 0) logger?.info({ tickets: hashed }, 'set-password links issued by an earlier fitgate are now stored by their SHA-256 only');
  opening.store = opened;
  // While the connection is down the reconnect hook above checks them once it is back.
  const recheckTimer = setInterval(() => client.isReady && void recheck(opened, logger), settingsRecheckMs).unref();
  opened.onClose(() => clearInterval(recheckTimer));
  return opened;
}

async function recheck(store: RedisStore, logger?: Logger): Promise<void> {
  try {
    const report = await checkRedisSettings(store.client);
    const changed = JSON.stringify(report) !== JSON.stringify(store.settings);
    store.settings = report;
    if (changed) warn(report, logger);
  } catch (error) {
    logger?.warn({ err: error }, 'could not read the Redis settings again');
  }
}

function warn(report: RedisSettingsReport, logger?: Logger): void {
  for (const finding of report.findings) logger?.warn({ redisSettings: report.settings ?? 'unchecked' }, `WARNING: ${finding}`);
}
