import type { PluginErrorKind, RevocableTokens } from '../connections/plugin.js';
import { readPluginFailure } from './read_plugin_failure.js';
import { remedyOf } from './upstream_remedy.js';
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
 * when the connection cannot reach that upstream: with CredentialsForOtherApiError when the
 * connection has since moved to another API and holds no credentials for this one.
 */
export type TokenClientFor = (connection: Connection, api: string) => Promise<UpstreamTokenClient>;

/**
 * A TokenClientFor's refusal of tokens of an API other than the one the connection's credentials
 * were issued for: the tokens of the API it moved away from cannot be refreshed or revoked through
 * it, and sending its credentials to that other upstream would only hand them to a party that never
 * issued them. The vault reads it as api_changed (the identity needs the user to log in again). The
 * domain owns it, since the meaning is the vault's; the resolver (upstream/) throws it.
 */
export class CredentialsForOtherApiError extends Error {}

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

/**
 * The vault's kind for a plugin failure, by its remedy at a refresh (upstream_remedy.ts decides it):
 * `reauthorize` ends the identity's tokens (identity_status.ts), `passing` serves the stored token or
 * waits, and the vault acts on no other remedy but refused client credentials. A kind the vault has
 * a case of its own for keeps its name, which is the metric's label and picks the identity's reason.
 */
function vaultKindOf(kind: PluginErrorKind): UpstreamFailureKind {
  switch (remedyOf(kind, 'refresh')) {
    case 'reauthorize':
      // Each of these has a reason of its own; any other refusal of the tokens reads as a refused refresh token.
      return kind === 'unauthorized_client' || kind === 'gone' ? kind : 'invalid_grant';
    case 'passing':
      // Fitbit's 409 (conflict) among them: it passes like an outage.
      return kind === 'rate_limited' || kind === 'timeout' ? kind : 'unavailable';
    case 'admin':
      // A wrong or rotated secret, or (Google's deleted_client, which the plugin reports so) a deleted
      // client, pauses the connection's refreshes (token_refresh.ts); any other is reported as it comes.
      return kind === 'invalid_client' ? kind : 'unknown';
    case 'user':
    case 'unexplained':
      // No person is at a refresh to act on it: the vault keeps the tokens and reports the message.
      return 'unknown';
  }
}

/**
 * How an upstream call failed, for the vault: a plugin's failure as the one reader reads it
 * (read_plugin_failure.ts), or the resolver's CredentialsForOtherApiError (api_changed); anything
 * else is 'unknown'.
 */
export function upstreamFailureOf(error: unknown): UpstreamFailure {
  const plugin = readPluginFailure(error);
  const kind = plugin ? vaultKindOf(plugin.kind) : error instanceof CredentialsForOtherApiError ? 'api_changed' : 'unknown';
  const failure: UpstreamFailure = { kind, message: plugin?.message ?? messageOf(error) };
  if (plugin?.retryAfterSeconds !== undefined) failure.retryAfterSeconds = plugin.retryAfterSeconds;
  return failure;
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
