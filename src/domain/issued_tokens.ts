import type { PluginFailure } from '../connections/plugin.js';
import type { Sealer } from './ports.js';
import type { Identity, UpstreamTokens } from './types.js';

/**
 * How tokens an upstream has just issued are stored on an identity, at a login's code exchange and
 * at a refresh alike: the one place that decides which refresh token survives, what an empty scope
 * list means and how the expiry is kept.
 *
 * - A refresh token "came back" when it is a non-empty string; absent or "" means none came back.
 * - When none came back, the refresh token kept is, at a refresh, the one it was refreshed with
 *   (Google keeps it; legacy Fitbit always rotates it), and at a login, the stored one only when the
 *   identity's tokens come from the same upstream API (Google sends one only on a consent); a token
 *   of the API the user moved off can refresh nothing through this one.
 * - At a login the scope list is the grant the user just consented to, stored as it is, empty
 *   included. At a refresh an empty list means the upstream did not say (RFC 6749 §5.1 lets it leave
 *   `scope` out when unchanged): the identity keeps its list.
 * - `expiresAt` is `now + expiresIn` seconds. An `expiresIn` that is not a finite number ≥ 0 is a bad
 *   upstream answer (UnusableIssuedTokensError), refused before anything is sealed.
 */

/** Tokens as the upstream issued them, in plaintext. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  /** Seconds from `now`. */
  expiresIn: number;
  grantedScopes: readonly string[];
}

/** What the issued tokens follow. */
export type TokenIssue =
  /** A login through a connection of `api`; `previous`: the identity it logs in to, if any. */
  | { readonly at: 'login'; readonly api: string; readonly previous?: Pick<Identity, 'api' | 'tokens'> | undefined }
  /** A refresh of `previous`'s tokens. */
  | { readonly at: 'refresh'; readonly previous: Pick<Identity, 'tokens' | 'grantedScopes'> };

/** The identity's new tokens and scopes, sealed and ready to store. */
export interface SealedIssue {
  tokens: UpstreamTokens;
  grantedScopes: string[];
}

/**
 * An upstream answer whose tokens cannot be stored. Shaped as a plugin's `bad_response`
 * (read_plugin_failure.ts), so each flow treats it as every other answer it cannot use: a refresh
 * answers 503 without serving the stored token and counts the failure, as for a malformed answer.
 */
export class UnusableIssuedTokensError extends Error implements PluginFailure {
  readonly kind = 'bad_response';
  readonly operation: 'token' | 'refresh';

  constructor(at: TokenIssue['at'], problem: string) {
    const operation = at === 'login' ? 'token' : 'refresh';
    super(`The upstream's ${operation} answer cannot be stored: ${problem}.`);
    this.name = 'UnusableIssuedTokensError';
    this.operation = operation;
  }
}

/** Throws UnusableIssuedTokensError when the issued tokens cannot be stored. */
export function checkIssuedTokens(issued: Pick<IssuedTokens, 'expiresIn'>, at: TokenIssue['at']): void {
  const { expiresIn } = issued;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) {
    throw new UnusableIssuedTokensError(at, `expires_in is ${String(expiresIn)}, not a number of seconds`);
  }
}

/** `issued` sealed for the identity, by the rules above; `now` in epoch milliseconds. */
export function sealIssuedTokens(issued: IssuedTokens, issue: TokenIssue, now: number, sealer: Pick<Sealer, 'seal'>): SealedIssue {
  checkIssuedTokens(issued, issue.at);
  const refreshToken = issued.refreshToken ? sealer.seal(issued.refreshToken) : keptRefreshToken(issue);
  return {
    tokens: {
      accessToken: sealer.seal(issued.accessToken),
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      expiresAt: now + issued.expiresIn * 1000,
    },
    grantedScopes: issue.at === 'refresh' && issued.grantedScopes.length === 0 ? [...issue.previous.grantedScopes] : [...issued.grantedScopes],
  };
}

/**
 * Whether the identity `issued` is stored on holds a refresh token afterwards, by the rules above
 * (one came back, or one is kept), without sealing anything: what TRY forecasts of a login, which
 * holds a stored refresh token for a returning user of the same API though none came back.
 */
export function holdsRefreshTokenAfter(issued: Pick<IssuedTokens, 'refreshToken'>, issue: TokenIssue): boolean {
  return Boolean(issued.refreshToken) || Boolean(keptRefreshToken(issue));
}

function keptRefreshToken(issue: TokenIssue): UpstreamTokens['refreshToken'] {
  if (issue.at === 'refresh') return issue.previous.tokens?.refreshToken;
  return issue.previous?.api === issue.api ? issue.previous.tokens?.refreshToken : undefined;
}
