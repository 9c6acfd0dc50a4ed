import type { PluginErrorKind, RateLimitScope, RevocableTokens } from '../connections/plugin.js';
import type { ReauthorizationReason } from './identity_status.js';
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
 * How an upstream call with stored tokens failed, classified once (upstreamFailureOf) into what the
 * vault does about it. Every reader takes `outcome` as it is: the refresh acts on it
 * (token_refresh.ts), the stored-token rules serve through it or not (stored_token_policy.ts), and
 * the disconnection stores its `reason`, which the Management API (`status_reason`) and the
 * dashboard read back. `kind` names the failure in the metric's label and the log.
 *
 * The outcomes are the remedies of upstream_remedy.ts at a refresh, as far as the vault can act on them:
 * - `reauthorize`: the tokens are dead; the identity needs its user to sign in again, for `reason`;
 * - `client_refused`: the upstream refused the connection's own client credentials (the one admin
 *   remedy the vault acts on): the tokens are kept, unserved, and the connection's refreshes pause;
 * - `passing`: nothing waiting will not cure; the stored token is served meanwhile while it is servable;
 * - `unexplained`: anything else (no remedy is known, or it is a person's, and no person is at a
 *   refresh, or an admin's other than refused credentials): the tokens are kept, unserved, and the
 *   upstream's words reported.
 */
export type UpstreamFailure = FailureOutcome & {
  /** The upstream's own words (never a token): shown to admins in the log and the disconnection's event. */
  message: string;
  /** For rate_limited: seconds until the upstream's window resets, when it said so. */
  retryAfterSeconds?: number;
  /**
   * For rate_limited: whose quota ran out, when the plugin said so. `client`: the connection's,
   * which every identity of it shares, so the vault pauses them all (connection_pause.ts).
   */
  rateLimitScope?: RateLimitScope;
};

/**
 * Each outcome with the kinds it has. `unauthorized_client`: the upstream will not refresh this token
 * for the connection's client (it was issued to another one); `api_changed`: the connection moved to
 * another API (CredentialsForOtherApiError); `invalid_client`: the upstream refused the connection's
 * own client credentials. A union, so that a kind added must be given its outcome here, and an
 * outcome added fails the type check where the stored-token rules decide (stored_token_policy.ts).
 */
type FailureOutcome =
  | { outcome: 'reauthorize'; kind: 'invalid_grant' | 'unauthorized_client' | 'gone' | 'api_changed'; reason: ReauthorizationReason }
  | { outcome: 'client_refused'; kind: 'invalid_client' }
  | { outcome: 'passing'; kind: 'rate_limited' | 'unavailable' | 'timeout' }
  | { outcome: 'unexplained'; kind: 'unknown' };

/** How an upstream call failed, as the metric's label and the log name it. */
export type UpstreamFailureKind = UpstreamFailure['kind'];

const UNEXPLAINED: FailureOutcome = { outcome: 'unexplained', kind: 'unknown' };

/**
 * The vault's outcome for a plugin failure, by its remedy at a refresh (upstream_remedy.ts decides
 * it). A kind the vault has a case of its own for keeps its name, which is the metric's label and,
 * for a dead token, picks the identity's reason.
 */
function outcomeOf(kind: PluginErrorKind): FailureOutcome {
  switch (remedyOf(kind, 'refresh')) {
    case 'reauthorize':
      if (kind === 'unauthorized_client') return { outcome: 'reauthorize', kind, reason: 'connection_client_changed' };
      if (kind === 'gone') return { outcome: 'reauthorize', kind, reason: 'upstream_api_gone' };
      // Any other refusal of the tokens reads as a refused refresh token.
      return { outcome: 'reauthorize', kind: 'invalid_grant', reason: 'refresh_token_rejected' };
    case 'passing':
      // Fitbit's 409 (conflict) among them: it passes like an outage.
      return { outcome: 'passing', kind: kind === 'rate_limited' || kind === 'timeout' ? kind : 'unavailable' };
    case 'admin':
      // A wrong or rotated secret, or (Google's deleted_client, which the plugin reports so) a deleted
      // client, pauses the connection's refreshes (token_refresh.ts); any other is reported as it comes.
      return kind === 'invalid_client' ? { outcome: 'client_refused', kind } : UNEXPLAINED;
    case 'user':
    case 'unexplained':
      // No person is at a refresh to act on it: the vault keeps the tokens and reports the message.
      return UNEXPLAINED;
  }
}

/**
 * How an upstream call failed, for the vault: a plugin's failure as the one reader reads it
 * (read_plugin_failure.ts), or the resolver's CredentialsForOtherApiError (api_changed); anything
 * else is unexplained.
 */
export function upstreamFailureOf(error: unknown): UpstreamFailure {
  const plugin = readPluginFailure(error);
  const outcome: FailureOutcome = plugin
    ? outcomeOf(plugin.kind)
    : error instanceof CredentialsForOtherApiError
      ? { outcome: 'reauthorize', kind: 'api_changed', reason: 'connection_api_changed' }
      : UNEXPLAINED;
  const failure: UpstreamFailure = { ...outcome, message: plugin?.message ?? messageOf(error) };
  if (plugin?.retryAfterSeconds !== undefined) failure.retryAfterSeconds = plugin.retryAfterSeconds;
  if (failure.kind === 'rate_limited' && plugin?.rateLimitScope !== undefined) failure.rateLimitScope = plugin.rateLimitScope;
  return failure;
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
