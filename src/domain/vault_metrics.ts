import type { ReauthorizationReason } from './identity_status.js';
import type { UpstreamFailureKind } from './upstream_token_client.js';
import type { TokenUnavailableError } from './vault_errors.js';

/**
 * What the token vault tells whoever watches it (the Prometheus metrics in src/metrics implement
 * this; the domain knows no metrics library). Labels are the tenant and the connection, never a
 * user. Every method must be cheap and must not throw.
 */
export interface VaultMetrics {
  /** The stored access token was still fresh: handed out without a refresh or a lock. */
  freshToken(tenant: string, connection: string): void;
  /**
   * A refresh could not be had now and the caller got the stored access token instead, still good
   * for a while: the count that tells an upstream blip (callers served) from an outage callers see.
   */
  servedStoredToken(tenant: string, connection: string, reason: StoredTokenReason): void;
  /** The caller waited for a refresh someone else ran (in this process, or under another process's lock). */
  waitedForRefresh(tenant: string, connection: string): void;
  /** One upstream refresh this process ran, and how it ended. */
  refreshed(tenant: string, connection: string, result: 'success' | UpstreamFailureKind): void;
  /** An identity's tokens stopped working: the user must log in again. */
  needsReauthorization(tenant: string, connection: string, reason: ReauthorizationReason): void;
  /** A login reconnected an identity that needed reauthorization. */
  reconnected(tenant: string, connection: string): void;
  /**
   * A refresh was due and the connection cannot reach its upstream (no credentials, a client secret
   * that cannot be opened, an API no longer offered): counted on every read, logged once a while.
   */
  connectionUnreachable(tenant: string, connection: string, reason: TokenUnavailableError['reason']): void;
  /**
   * A refresh's answer paused every identity of the connection, on every instance: the upstream
   * rate-limited the connection's own client (a quota all its users share) or refused its
   * credentials. Counted where the pause began; while it lasts, due readers get the stored token
   * (servedStoredToken, `backing_off` for a rate limit) or the failure, and no refresh is sent.
   */
  connectionPaused(tenant: string, connection: string, reason: ConnectionPauseReason): void;
}

/** Why every identity of a connection is paused (connection_pause.ts). */
export type ConnectionPauseReason = 'rate_limited' | 'client_refused';

/**
 * Why a stored token was served: the refresh failed for a passing reason, outlasted the reader's
 * patience, was not tried inside the upstream's rate-limit window, or ran in another process past
 * the wait bound.
 */
export type StoredTokenReason = 'refresh_failed' | 'refresh_slow' | 'backing_off' | 'refresh_busy';

const ignore = (): void => undefined;

/** For callers that watch nothing (tests, tools). */
export const NO_VAULT_METRICS: VaultMetrics = {
  freshToken: ignore,
  servedStoredToken: ignore,
  waitedForRefresh: ignore,
  refreshed: ignore,
  needsReauthorization: ignore,
  reconnected: ignore,
  connectionUnreachable: ignore,
  connectionPaused: ignore,
};
