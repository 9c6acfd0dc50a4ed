import { clientRateLimitRemainingSeconds, rememberClientRateLimit } from './client_rate_limit_pause.js';
import { clientRefusedRecently, rememberRefusedClient } from './client_refused_pause.js';
import { identityLogFacts } from './identity_log_facts.js';
import type { EphemeralStore } from './ports.js';
import type { IdentityRef } from './stored_identity.js';
import type { ResolvedVaultDeps } from './token_vault_deps.js';
import type { Connection } from './types.js';
import { backoffSeconds } from './upstream_backoff.js';
import { TokenRateLimitedError, TokenUnavailableError } from './vault_errors.js';

/**
 * A pause of every identity of one connection (within its tenant), on every instance: while it lasts
 * no refresh of any of them is sent, since the upstream would refuse each for the connection's client,
 * not for the user. A refresh's failure starts one (recordConnectionPause), and the vault reads it
 * (connectionPause) with the identity's own back-off, wherever it is about to send a refresh. Each
 * cause keeps its own record in the shared store, with its own end: `rate_limited`, the upstream
 * rate-limited the connection's own client, until the upstream's reset (client_rate_limit_pause.ts);
 * `client_refused`, the upstream refused its client credentials, for a minute or until the connection
 * is saved (client_refused_pause.ts).
 */
export type ConnectionPause = { reason: 'rate_limited'; seconds: number } | { reason: 'client_refused' };

/** What the failed refresh said, which starts the pause. */
export type ConnectionPauseCause =
  | { reason: 'rate_limited'; retryAfterSeconds: number | undefined }
  | { reason: 'client_refused'; connection: Connection; upstreamMessage: string };

/**
 * The pause that holds for the connection now, if any, with the seconds left of a rate limit's.
 * `stored` is the connection's record, undefined when it is gone: a refusal holds for the version it
 * was refused for, while a rate limit holds for the connection's name whatever it stores. When both
 * hold, the rate limit is the one answered: its window says when to come back.
 */
export async function connectionPause(
  ephemeral: EphemeralStore,
  ref: Pick<IdentityRef, 'tenant' | 'connection'>,
  stored: Connection | undefined,
  now: number,
): Promise<ConnectionPause | undefined> {
  const [seconds, refused] = await Promise.all([
    clientRateLimitRemainingSeconds(ephemeral, ref.tenant, ref.connection, now),
    stored ? clientRefusedRecently(ephemeral, stored) : false,
  ]);
  if (seconds > 0) return { reason: 'rate_limited', seconds };
  return refused ? { reason: 'client_refused' } : undefined;
}

type PauseDeps = Pick<ResolvedVaultDeps, 'ephemeral' | 'logger' | 'metrics' | 'now'>;

/**
 * Starts the pause `cause` calls for, logs it and counts it where it began, and returns the pause to
 * answer with. `context` is the failed refresh's log details, after the identity's own, which
 * every line here carries (identity_log_facts.ts). Storing it is best effort: the caller's
 * answer is the upstream's either way, and without the record the next due read calls the upstream
 * again, which answers the same.
 */
export async function recordConnectionPause(
  deps: PauseDeps,
  ref: IdentityRef,
  cause: ConnectionPauseCause,
  context: Readonly<Record<string, unknown>>,
): Promise<ConnectionPause> {
  const details = { ...identityLogFacts(ref), ...context };
  return cause.reason === 'rate_limited' ? pauseForRateLimit(deps, ref, cause.retryAfterSeconds, details) : pauseForRefusal(deps, ref, cause, details);
}

/**
 * Every identity of the connection would be refused until the window resets, so none is refreshed
 * until then. Logins still try: a person signing in is worth the one call.
 */
async function pauseForRateLimit(
  deps: PauseDeps,
  ref: IdentityRef,
  retryAfterSeconds: number | undefined,
  context: Readonly<Record<string, unknown>>,
): Promise<ConnectionPause> {
  const details = { ...context, rate_limit_scope: 'client' };
  let pause;
  try {
    pause = await rememberClientRateLimit(deps.ephemeral, ref.tenant, ref.connection, retryAfterSeconds, deps.now());
  } catch (error) {
    const seconds = backoffSeconds(retryAfterSeconds);
    deps.logger.warn({ ...details, retry_after_s: seconds, err: error }, "upstream rate-limited the connection's client; could not pause its refreshes");
    return { reason: 'rate_limited', seconds };
  }
  if (pause.started) {
    deps.metrics.connectionPaused(ref.tenant, ref.connection, 'rate_limited');
    deps.logger.warn(
      { ...details, retry_after_s: pause.seconds },
      "upstream rate-limited the connection's client; no identity of the connection is refreshed until the window resets",
    );
  } else {
    deps.logger.warn({ ...details, retry_after_s: pause.seconds }, 'upstream rate-limited a token refresh');
  }
  return { reason: 'rate_limited', seconds: pause.seconds };
}

/** The administrator's to fix: the log says so at once, whether or not the pause could be stored. */
async function pauseForRefusal(
  deps: PauseDeps,
  ref: IdentityRef,
  cause: Extract<ConnectionPauseCause, { reason: 'client_refused' }>,
  context: Readonly<Record<string, unknown>>,
): Promise<ConnectionPause> {
  const details = { ...context, upstream: cause.upstreamMessage };
  deps.logger.error(details, "the upstream refused the connection's client credentials; an administrator must update the connection");
  try {
    await rememberRefusedClient(deps.ephemeral, cause.connection);
    deps.metrics.connectionPaused(ref.tenant, ref.connection, 'client_refused');
  } catch (error) {
    deps.logger.warn({ ...details, err: error }, 'could not remember the refused client credentials');
  }
  return { reason: 'client_refused' };
}

/**
 * What a reader held back by the pause is answered when it gets no stored token: rate-limited with
 * the seconds left, or unavailable (the Management API's 503) naming what the administrator must
 * fix, since nothing the caller does helps. A refusal keeps the stored tokens: they belong to the
 * user and work again once the connection's credentials do.
 */
export function connectionPauseError(connectionName: string, pause: ConnectionPause): TokenRateLimitedError | TokenUnavailableError {
  if (pause.reason === 'rate_limited') {
    return new TokenRateLimitedError(
      `The upstream rate-limited the ${connectionName} connection's client, whose quota all its users share; retry after ${pause.seconds} seconds.`,
      pause.seconds,
    );
  }
  return new TokenUnavailableError(
    'client_refused',
    `The upstream refused the client credentials of the ${connectionName} connection (invalid_client): its client secret is wrong ` +
      'or was rotated, or its client was deleted. An administrator must update the connection\'s Client ID and Client Secret; ' +
      'until then its tokens cannot be refreshed.',
  );
}
