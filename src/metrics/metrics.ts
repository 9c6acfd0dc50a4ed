import { NO_VAULT_METRICS, type VaultMetrics } from '../domain/vault_metrics.js';

/**
 * What fitgate's code tells the metrics, as an interface with a do-nothing implementation: request
 * code and the domain never import a metrics library or a global registry. The Prometheus
 * implementation (prometheus_metrics.ts) is built once by server.ts and handed down in AppDeps.
 *
 * Labels are tenants, connections, routes, operations and outcomes: bounded sets fitgate itself
 * names. Never a user id, a client secret, a token or a raw path. Every method must be cheap (at
 * most one label lookup) and must never throw.
 */
export interface Metrics {
  readonly authn: AuthnMetrics;
  readonly upstream: UpstreamMetrics;
  readonly vault: VaultMetrics;
  readonly http: HttpMetrics;
  readonly store: StoreMetrics;
  /**
   * Lookups in one in-process cache ("tenants", "clients", "connections", "keys"). Call once when the
   * cache is built and keep the answer; hit()/miss() then cost no lookup at all.
   */
  cache(name: string): CacheMetrics;
  /** Refusals of one rate limiter ("token_per_client", ...). Call once and keep the answer, like cache(). */
  rateLimit(name: string): RateLimitMetrics;
}

export type LoginOutcome = 'success' | 'failure';

/** Why a successful login counts as what it is. */
// Decided with the login (domain/users.ts), where TRY's report reads it too.
export type { LoginSuccessReason } from '../domain/users.js';

export interface AuthnMetrics {
  /**
   * One finished /login/callback. `reason`: a LoginSuccessReason on success, the OAuth error code
   * the client received on failure. `cause`: why, from the fixed set of authn/login/callback/login_cause.ts
   * ("none" on success). `connection` is empty when the request named no login.
   */
  login(tenant: string, connection: string, outcome: LoginOutcome, reason: string, cause: string): void;
  /**
   * One login the callback sent back to its upstream for a refresh token instead of finishing it
   * (authn/login/callback/send_back_for_refresh_token.ts); the login counts under login() once it finishes.
   */
  loginSentBack(tenant: string, connection: string): void;
  /** One answer of /oauth/token: `result` is "success" or the OAuth error code. */
  tokenExchange(tenant: string, connection: string, grantType: string, result: string): void;
  /** One answer of /oauth/revoke: "success" or the OAuth error code. */
  revocation(tenant: string, result: string): void;
  /** One answer of /v2/logout and /oidc/logout. */
  logout(tenant: string, result: 'success' | 'session_kept' | 'no_session' | 'return_to_refused'): void;
}

/** One HTTP call a connection plugin made upstream (the plugins' onUpstreamCall hook). */
export interface UpstreamCallReport {
  /** token, refresh, revoke, profile, identity, userinfo, jwks, ... */
  readonly operation: string;
  readonly durationMs: number;
  /** The upstream's HTTP status; absent when no answer came. */
  readonly status?: number | undefined;
  /** The plugin's error kind (invalid_grant, rate_limited, gone, timeout, ...); absent on success. */
  readonly errorKind?: string | undefined;
}

export type UpstreamCallObserver = (call: UpstreamCallReport) => void;

export interface UpstreamMetrics {
  /** The observer for one connection's upstream calls; handed to the plugin as onUpstreamCall. */
  observerFor(tenant: string, connection: string): UpstreamCallObserver;
}

export interface HttpMetrics {
  /** One answered request; `route` is a pattern ("/api/v2/users/:id"), never the raw path. */
  request(route: string, method: string, status: number, durationSeconds: number): void;
}

/** Records one kind of store operation; built once per repository method, so recording needs no lookup. */
export type StoreOperationRecorder = (durationSeconds: number, failed: boolean) => void;

export interface StoreMetrics {
  recorderFor(repository: string, operation: string): StoreOperationRecorder;
  /** Whether the store answers, asked at each scrape (a gauge, 1 or 0). */
  watchAvailability(ping: () => Promise<void>): void;
  /** A Redis connection that served was lost: once per loss, never per reconnection attempt. */
  connectionLost(): void;
}

export interface CacheMetrics {
  hit(): void;
  miss(): void;
}

export interface RateLimitMetrics {
  /** One request refused; `tenant` when the limit belongs to one. */
  refused(tenant?: string): void;
}

const ignore = (): void => undefined;
const IGNORED_CACHE: CacheMetrics = { hit: ignore, miss: ignore };
const IGNORED_LIMIT: RateLimitMetrics = { refused: ignore };

/** Counts nothing: the default wherever no metrics were configured (tests, tools). */
export const NO_METRICS: Metrics = {
  authn: { login: ignore, loginSentBack: ignore, tokenExchange: ignore, revocation: ignore, logout: ignore },
  upstream: { observerFor: () => ignore },
  vault: NO_VAULT_METRICS,
  http: { request: ignore },
  store: { recorderFor: () => ignore, watchAvailability: ignore, connectionLost: ignore },
  cache: () => IGNORED_CACHE,
  rateLimit: () => IGNORED_LIMIT,
};

/** The metrics in `deps`, or NO_METRICS when none were given. */
export function metricsOf(deps: { readonly metrics?: Metrics | undefined }): Metrics {
  return deps.metrics ?? NO_METRICS;
}
