import type { Connection } from './types.js';

/**
 * What the token vault needs from a connection plugin's token client. The plugins' PluginTokenClient
 * matches it structurally, so the domain names no plugin and no HTTP.
 */
export interface UpstreamTokenClient {
  refresh(refreshToken: string): Promise<RefreshedUpstreamTokens>;
  revoke(token: string): Promise<void>;
}

export interface RefreshedUpstreamTokens {
  accessToken: string;
  /** Present when the upstream rotated it (legacy Fitbit always does; Google normally does not). */
  refreshToken?: string;
  expiresIn: number;
  grantedScopes: string[];
}

/**
 * The token client for one connection's `api` (the one that issued the tokens at hand), with its
 * credentials opened and its upstream (real, emulator or sandbox) resolved by the caller. Rejects
 * when the connection cannot reach that upstream: with kind `api_changed` when the connection has
 * since moved to another API and holds no credentials for this one.
 */
export type TokenClientFor = (connection: Connection, api: string) => Promise<UpstreamTokenClient>;

/** How an upstream call failed, as far as the vault's decisions go. */
export type UpstreamFailureKind = 'invalid_grant' | 'rate_limited' | 'gone' | 'api_changed' | 'unavailable' | 'timeout' | 'unknown';

export interface UpstreamFailure {
  kind: UpstreamFailureKind;
  /** The upstream's own words (never a token): shown to admins in the status reason and log. */
  message: string;
  /** For rate_limited: seconds until the upstream's window resets, when it said so. */
  retryAfterSeconds?: number;
}

const KIND_OF_PLUGIN_KIND: Readonly<Record<string, UpstreamFailureKind>> = {
  invalid_grant: 'invalid_grant',
  rate_limited: 'rate_limited',
  gone: 'gone',
  // Not a plugin's: the host's resolver, when the connection's credentials are for another API.
  api_changed: 'api_changed',
  unavailable: 'unavailable',
  timeout: 'timeout',
  // Fitbit's 409: the same refresh token is being refreshed elsewhere; it passes like an outage.
  conflict: 'unavailable',
};

/**
 * Reads a plugin's typed error. Plugins are matched structurally (they import nothing of the host),
 * so this looks at the `kind` they document rather than at a class; anything else is 'unknown'.
 */
export function upstreamFailureOf(error: unknown): UpstreamFailure {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const kind = (typeof candidate.kind === 'string' && KIND_OF_PLUGIN_KIND[candidate.kind]) || 'unknown';
  const message = typeof candidate.message === 'string' && candidate.message !== '' ? candidate.message : String(error);
  const failure: UpstreamFailure = { kind, message };
  const retryAfter = retryAfterSecondsOf(candidate);
  if (retryAfter !== undefined) failure.retryAfterSeconds = retryAfter;
  return failure;
}

/** The plugins' rate-limit errors carry `retryAfterSeconds` (from Retry-After or Fitbit-Rate-Limit-Reset). */
function retryAfterSecondsOf(error: Record<string, unknown>): number | undefined {
  const value = error.retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
