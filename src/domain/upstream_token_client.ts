import type { PluginErrorKind, RevocableTokens } from '../connections/plugin.js';
import { readPluginFailure } from './read_plugin_failure.js';
import type { Connection } from './types.js';

/**
 * What the token vault needs from a connection plugin's token client. The plugins' PluginTokenClient
 * matches it structurally, so the domain names no plugin and no HTTP.
 */
export interface UpstreamTokenClient {
  refresh(refreshToken: string): Promise<RefreshedUpstreamTokens>;
  revoke(tokens: RevocableTokens): Promise<void>;
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

/**
 * How an upstream call failed, as far as the vault's decisions go. `unauthorized_client`: the
 * upstream will not refresh this token for the connection's client (it was issued to another one);
 * `invalid_client`: the upstream refused the connection's own client credentials.
 */
export type UpstreamFailureKind =
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'invalid_client'
  | 'rate_limited'
  | 'gone'
  | 'api_changed'
  | 'unavailable'
  | 'timeout'
  | 'unknown';

export interface UpstreamFailure {
  kind: UpstreamFailureKind;
  /** The upstream's own words (never a token): shown to admins in the status reason and log. */
  message: string;
  /** For rate_limited: seconds until the upstream's window resets, when it said so. */
  retryAfterSeconds?: number;
}

// Plugin kinds not listed mean nothing the vault can act on: 'unknown'.
const KIND_OF_PLUGIN_KIND: Readonly<Partial<Record<PluginErrorKind, UpstreamFailureKind>>> = {
  invalid_grant: 'invalid_grant',
  // Answering a refresh, RFC 6749 §5.2's unauthorized_client says this client may not use this grant:
  // at Google, a refresh token issued to another client id (the connection's client was replaced).
  unauthorized_client: 'unauthorized_client',
  // A wrong or rotated secret, or (Google's deleted_client, which the plugin reports so) a deleted client.
  invalid_client: 'invalid_client',
  rate_limited: 'rate_limited',
  gone: 'gone',
  unavailable: 'unavailable',
  timeout: 'timeout',
  // Fitbit's 409: the same refresh token is being refreshed elsewhere; it passes like an outage.
  conflict: 'unavailable',
};

/**
 * How an upstream call failed, for the vault: a plugin's failure as the one reader reads it
 * (read_plugin_failure.ts), or the resolver's api_changed; anything else is 'unknown'.
 */
export function upstreamFailureOf(error: unknown): UpstreamFailure {
  const plugin = readPluginFailure(error);
  const kind = plugin ? (KIND_OF_PLUGIN_KIND[plugin.kind] ?? 'unknown') : isApiChanged(error) ? 'api_changed' : 'unknown';
  const failure: UpstreamFailure = { kind, message: plugin?.message ?? messageOf(error) };
  if (plugin?.retryAfterSeconds !== undefined) failure.retryAfterSeconds = plugin.retryAfterSeconds;
  return failure;
}

/**
 * Not a plugin's failure: the host's resolver refuses tokens of an API the connection has moved away
 * from (CredentialsForOtherApiError in upstream/resolve_upstream.ts, which the domain may not import).
 */
function isApiChanged(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'api_changed';
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
