import type { ConnectionRepository, EphemeralStore, LockStore, Sealer, UserRepository } from './ports.js';
import type { LogEvent } from './types.js';
import type { UnreachableConnectionReport } from './unreachable_connection_report.js';
import type { TokenClientFor } from './upstream_token_client.js';
import type { VaultMetrics } from './vault_metrics.js';

/** A log event before the log gives it an id and a date. */
export type NewLogEvent = Omit<LogEvent, 'id' | 'date'>;

/** The few logger methods the domain uses (pino's Logger satisfies it). */
export interface DomainLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface TokenVaultTiming {
  /** Refresh when the access token expires within this long. */
  refreshMarginMs: number;
  /** How long a refresh lock lives if its holder dies; longer than any upstream call may take. */
  lockTtlMs: number;
  /** How long a caller waits for another process's refresh before giving up (TokenUnavailableError). */
  waitBoundMs: number;
  /** How often a waiting caller re-reads the user and retries the lock. */
  pollIntervalMs: number;
  /**
   * Pauses before storing refreshed tokens again when the store failed on its side. The upstream
   * may already have retired the old refresh token, so giving up on this write loses the user's
   * connection; a store that is back within these pauses (a failover, a busy file) saves it.
   */
  storeRetryPausesMs: readonly number[];
  /**
   * When a refresh cannot be had now, the stored access token is served instead while it has more
   * than this left. The vault refreshes `refreshMarginMs` ahead, so a stored token is normally far
   * from expiry when an upstream blip hits; withholding it would turn a harmless blip into an outage
   * for the caller. Below this margin it is not worth handing out: its expiresAt was taken when the
   * upstream's answer arrived, so it may run out up to one upstream timeout (10 s) earlier than
   * stored, and the caller still needs time to receive it and make its first upstream calls with it.
   * The same margin bounds how long an identity with no refresh token is served its stored token.
   */
  servableMarginMs: number;
  /**
   * How long a reader holding a servable token waits for a refresh before it is answered with that
   * token (the refresh carries on and stores its result for the next reader). Long enough for a
   * healthy refresh (a few hundred milliseconds), so callers normally get the new, longer-lived
   * token; far shorter than the upstream's 10 s timeout, which a slow upstream would otherwise add
   * to every read of a token that works.
   */
  refreshPatienceMs: number;
}

export const DEFAULT_TOKEN_VAULT_TIMING: TokenVaultTiming = {
  refreshMarginMs: 5 * 60 * 1000,
  lockTtlMs: 30_000,
  waitBoundMs: 20_000,
  pollIntervalMs: 25,
  storeRetryPausesMs: [100, 400, 1000],
  // 30 s covers the early expiry and the caller's first calls with room to spare, and still leaves
  // four and a half minutes of retries before a failing upstream reaches the caller.
  servableMarginMs: 30_000,
  refreshPatienceMs: 2_000,
};

export interface TokenVaultDeps {
  users: UserRepository;
  connections: ConnectionRepository;
  locks: LockStore;
  ephemeral: EphemeralStore;
  sealer: Sealer;
  tokenClientFor: TokenClientFor;
  /**
   * Records an event in the tenant's log, adding the connection's stored facts; best effort: never
   * rejects (domain/tenant_log.ts's recordTenantEvent, which src/services.ts hands in).
   */
  recordEvent: (event: NewLogEvent) => Promise<void>;
  logger: DomainLogger;
  timing?: Partial<TokenVaultTiming>;
  /** Epoch milliseconds; tests may pin it. */
  now?: () => number;
  /** Counts fresh hits, refreshes, waits and disconnections; none when absent. */
  metrics?: VaultMetrics;
  /**
   * Given each refresh that may outlive the read that started it, so the entry point can let it
   * finish (and store what the upstream issued) before the store closes at shutdown.
   */
  background?: (work: Promise<unknown>) => void;
}

/** The deps with their defaults filled in, and the vault's own helpers built from them. */
export type ResolvedVaultDeps = Omit<TokenVaultDeps, 'timing' | 'now' | 'metrics'> & {
  timing: TokenVaultTiming;
  now: () => number;
  metrics: VaultMetrics;
  reportUnreachable: UnreachableConnectionReport;
};
