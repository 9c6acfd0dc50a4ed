import type { ReauthorizationReason } from './identity_status.js';
import type { UpstreamFailureKind } from './upstream_token_client.js';

/**
 * What the token vault tells whoever watches it (the Prometheus metrics in src/metrics implement
 * this; the domain knows no metrics library). Labels are the tenant and the connection, never a
 * user. Every method must be cheap and must not throw.
 */
export interface VaultMetrics {
  /** The stored access token was still fresh: handed out without a refresh or a lock. */
  freshToken(tenant: string, connection: string): void;
  /** The caller waited for a refresh someone else ran (in this process, or under another process's lock). */
  waitedForRefresh(tenant: string, connection: string): void;
  /** One upstream refresh this process ran, and how it ended. */
  refreshed(tenant: string, connection: string, result: 'success' | UpstreamFailureKind): void;
  /** An identity's tokens stopped working: the user must log in again. */
  needsReauthorization(tenant: string, connection: string, reason: ReauthorizationReason): void;
  /** A login reconnected an identity that needed reauthorization. */
  reconnected(tenant: string, connection: string): void;
}

const ignore = (): void => undefined;

/** For callers that watch nothing (tests, tools). */
export const NO_VAULT_METRICS: VaultMetrics = {
  freshToken: ignore,
  waitedForRefresh: ignore,
  refreshed: ignore,
  needsReauthorization: ignore,
  reconnected: ignore,
};
