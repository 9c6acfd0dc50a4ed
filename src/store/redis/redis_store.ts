import { RedisStore as RedisSessionStore } from 'connect-redis';
import type { Store as SessionStore } from 'express-session';
import { RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ClientRepository, ConnectionRepository, TenantRepository } from '../../domain/ports.js';
import { cachedClients, cachedConnections, cachedTenants } from '../cache/cached_repositories.js';
import type { Logger } from 'pino';
import type { CacheLookupsSource } from '../cache/record_cache.js';
import type { RateLimiterOptions, Store } from '../store.js';
import { RedisAdminRepository } from './admin_repository.js';
import { RedisClientRepository } from './client_repository.js';
import { RedisConnectionRepository } from './connection_repository.js';
import { RedisCounterStore } from './counter_store.js';
import { RedisEphemeralStore } from './ephemeral_store.js';
import { guardRedisClient } from './guarded_client.js';
import { RedisKeys } from './keys.js';
import { RedisLockStore } from './lock_store.js';
import { RedisLogRepository } from './log_repository.js';
import type { RedisClient } from './redis_client.js';
import { RedisConfigVersion } from './redis_config_version.js';
import { watchReconnectRefusal } from './credential_refusal.js';
import { markRedisInitialised, REDIS_EMPTY, redisReadiness } from './redis_readiness.js';
import { RATE_LIMIT_INCR_SCRIPT } from './rate_limit_script.js';
import { redisRateLimitHits } from './rate_limit_hits.js';
import { RateLimitBatches, type HitLimiter } from '../rate_limit_batches.js';
import { RedisSealedRecordStore } from './sealed_record_store.js';
import type { RedisSettingsReport } from './redis_settings.js';
import { RedisTenantRepository } from './tenant_repository.js';
import { RedisUserRepository } from './user_repository.js';

/**
 * The shared store: everything in one Redis under one global key prefix, so several fitgate
 * instances (and test runs) can share a server. Takes a connected client and owns it from then on.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  readonly keys: RedisKeys;
  readonly tenants: TenantRepository;
  readonly clients: ClientRepository;
  readonly connections: ConnectionRepository;
  readonly users: RedisUserRepository;
  readonly admins: RedisAdminRepository;
  readonly logs: RedisLogRepository;
  readonly ephemeral: RedisEphemeralStore;
  readonly locks: RedisLockStore;
  readonly counters: RedisCounterStore;
  readonly sealedRecords: RedisSealedRecordStore;
  /** What the start-up check found about eviction and persistence (see redis_settings.ts). */
  settings: RedisSettingsReport | undefined;
  private sessions: SessionStore | undefined;
  private readonly rateLimitBatches: RateLimitBatches;
  /** Background work started for this store by whoever opened it (open_redis_store.ts), stopped by close(). */
  private readonly stopOnClose: Array<() => void> = [];
  /** The client with store failures turned into StoreUnavailableError (503), for everything but close(). */
  private readonly guarded: RedisClient;
  /** Why the client is offline when Redis refused its reconnection (credential_refusal.ts). */
  private readonly reconnectRefusal: () => string | undefined;
  /** Whether readiness last found fitgate's data gone, so the loss is logged once. */
  private dataLost = false;

  constructor(
    readonly client: RedisClient,
    prefix: string,
    private readonly logger?: Logger,
    metrics?: CacheLookupsSource,
  ) {
    const guarded = guardRedisClient(client);
    this.guarded = guarded;
    this.reconnectRefusal = watchReconnectRefusal(client);
    this.keys = new RedisKeys(prefix);
    this.tenants = new RedisTenantRepository(guarded, this.keys);
    this.clients = new RedisClientRepository(guarded, this.keys);
    this.connections = new RedisConnectionRepository(guarded, this.keys);
    this.users = new RedisUserRepository(guarded, this.keys);
    this.admins = new RedisAdminRepository(guarded, this.keys);
    this.logs = new RedisLogRepository(
      guarded,
      this.keys,
      (error) => logger?.error({ err: error }, 'writing a batch of log events failed; retrying'),
      (lost) => logger?.error({ lost }, `${lost} log events could not be written and are lost`),
    );
    this.ephemeral = new RedisEphemeralStore(guarded, this.keys);
    this.locks = new RedisLockStore(guarded, this.keys);
    this.counters = new RedisCounterStore(guarded, this.keys);
    this.rateLimitBatches = new RateLimitBatches(redisRateLimitHits(guarded));
    // Read on nearly every request, changed rarely: cached in process (../cache/cached_repositories.ts).
    const configVersion = new RedisConfigVersion(guarded, this.keys.configVersion());
    this.tenants = cachedTenants(this.tenants, configVersion, metrics);
    this.clients = cachedClients(this.clients, configVersion, metrics);
    this.connections = cachedConnections(this.connections, configVersion, metrics);
    this.sealedRecords = new RedisSealedRecordStore(guarded, this.keys);
  }

  /** connect-redis under `<prefix>sess:`; it sets each session's TTL from the cookie's expiry. */
  sessionStore(): SessionStore {
    this.sessions ??= new RedisSessionStore({ client: this.guarded, prefix: this.keys.sessionPrefix() });
    return this.sessions;
  }

  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.guarded,
      useRedisPackage: true,
      keyPrefix: this.keys.rateLimitPrefix(options.keyPrefix),
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
      customIncrTtlLuaScript: RATE_LIMIT_INCR_SCRIPT,
    });
  }

  batchedRateLimiter(options: Omit<RateLimiterOptions, 'blockSeconds'>): HitLimiter {
    return this.rateLimitBatches.limiter({ ...options, keyPrefix: this.keys.rateLimitPrefix(options.keyPrefix) });
  }

  /**
   * The primary's readiness ping of each worker (FITGATE_WORKERS) lands here: a worker whose rate
   * limits still refuse after an outage is not counted ready either (see readiness()).
   */
  async ping(): Promise<void> {
    await this.guarded.ping();
    await this.rateLimitBatches.usable();
  }

  /** The `meta:store` marker, so a Redis that loses fitgate's data while it runs is noticed (redis_readiness.ts). */
  async markInitialised(): Promise<void> {
    await markRedisInitialised(this.guarded, this.keys);
  }

  /**
   * For /health/ready (and after a reconnection, open_redis_store.ts): the marker is there, a write
   * is accepted (not emptied, not full), Redis accepts REDIS_URL's credentials, and the rate limits
   * count again. After an outage the limiter refuses every hit until its next batch is in, up to an
   * interval after Redis is back (rate_limit_batches.ts): readiness sends that batch itself, so a
   * 200 is not followed by a limited request's 503 for an outage that is over. Readiness waits
   * rather than each refused hit retrying: a retry per request would be a batch of every kept key
   * per request for the whole outage, where readiness is asked about once a second
   * (READY_REUSE_MS) and sends a batch only after one failed: requests pay nothing for it, and
   * readiness nothing while Redis is healthy.
   */
  async readiness(): Promise<string | undefined> {
    const state = await redisReadiness(this.guarded, this.keys, this.reconnectRefusal);
    this.noticeDataLoss(state);
    if (state === undefined) await this.rateLimitBatches.usable();
    return state;
  }

  /**
   * The marker alone (one EXISTS), for a request that found no tenant: REDIS_EMPTY when it is gone.
   * Logs the loss as readiness does, so the first such request says it even when nobody probes.
   */
  async lostData(): Promise<string | undefined> {
    const state = (await this.guarded.exists(this.keys.storeMarker())) === 0 ? REDIS_EMPTY : undefined;
    this.noticeDataLoss(state);
    return state;
  }

  /**
   * Logs once, at warn, when readiness or lostData finds the marker gone: the one line that says
   * what happened and what to do, beside a 503 per request. Said again only after the store was
   * found whole in between (a restart set it up anew, or the data was restored).
   */
  private noticeDataLoss(state: string | undefined): void {
    if (state === undefined) this.dataLost = false;
    if (state !== REDIS_EMPTY || this.dataLost) return;
    this.dataLost = true;
    this.logger?.warn(
      { missing: this.keys.storeMarker() },
      "Redis lost fitgate's data: the store marker every start writes is gone, and with it, presumably, every tenant, application, user " +
        'and upstream token under this key prefix (Redis restarted without persistence, or flushed?); requests find no tenant until ' +
        "Redis's data is restored, or fitgate is restarted to set it up anew",
    );
  }

  /** For /health/ready: the settings finding, so an operator sees it where they look. */
  health(): Record<string, unknown> | undefined {
    return this.settings && { redis: this.settings };
  }

  /** Runs `stop` when the store closes: for timers of work done on its behalf. */
  onClose(stop: () => void): void {
    this.stopOnClose.push(stop);
  }

  async close(): Promise<void> {
    for (const stop of this.stopOnClose.splice(0)) stop();
    // The pending log events and rate-limit hits first: a graceful stop loses none.
    if (this.client.isOpen) await this.rateLimitBatches.close();
    if (this.client.isOpen) await this.logs.close();
    if (this.client.isOpen) await this.client.close();
  }
}
