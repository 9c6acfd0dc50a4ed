import { setTimeout as delay } from 'node:timers/promises';
import { isRefusal } from '../errors/index.js';
import { connectionPauseError, recordConnectionPause } from './connection_pause.js';
import { NotFoundInStoreError } from './ports.js';
import { identityLogFacts } from './identity_log_facts.js';
import { markNeedsReauthorization, type ReauthorizationReason } from './identity_status.js';
import { identityKey, readIdentity, updateIdentity, type IdentityRef } from './stored_identity.js';
import { checkIssuedTokens } from './issued_tokens.js';
import { refreshable } from './refreshable.js';
import { refreshWrite } from './refreshed_identity.js';
import { rateLimitedError, servedStoredToken, storedTokenIfHeldBackWith } from './stored_token_answers.js';
import {
  freshStoredToken,
  needsReauthorizationError,
  servesStoredTokenThrough,
  unrefreshableStoredToken,
  type VaultAccessToken,
} from './stored_token_policy.js';
import type { ResolvedVaultDeps } from './token_vault_deps.js';
import { recordBackoff } from './upstream_backoff.js';
import { upstreamFailureOf, type UpstreamFailure, type UpstreamTokenClient } from './upstream_token_client.js';
import type { Connection, Identity, User } from './types.js';
import { ConnectionGoneError, TokenUnavailableError, VaultError } from './vault_errors.js';

/**
 * The refresh itself. The caller holds the identity's lock, so this is the only refresh of that
 * identity anywhere. It re-reads the user first (the previous holder may have just refreshed), and
 * stores the rotated refresh token before returning, that is before the lock is released: nobody can
 * read the old refresh token once the upstream has retired it. A login does not take the lock: tokens
 * one stored meanwhile are kept, and the caller still gets the token the upstream just issued
 * (refreshed_identity.ts). `issued` is called once the upstream has answered with new tokens, before
 * they are stored.
 */
export async function refreshHoldingLock(deps: ResolvedVaultDeps, ref: IdentityRef, issued: () => void = () => undefined): Promise<VaultAccessToken> {
  const { user, identity } = await readIdentity(deps.users, ref);
  const stored = freshStoredToken(identity, deps.sealer, deps.now(), deps.timing.refreshMarginMs);
  const connection = await deps.connections.getByName(ref.tenant, ref.connection);
  // Gone before anything else: no stored token of a deleted connection is served (a login that
  // raced the deletion may have stored one), and no window's end brings the connection back.
  if (!connection) {
    throw new ConnectionGoneError(`The connection ${ref.connection} no longer exists, so its tokens cannot be refreshed.`);
  }
  const moved = await issuedByAnotherApi(deps, connection, identity);
  if (moved) {
    // However long they have left, and refresh token or not: see issuedByAnotherApi.
    deps.metrics.refreshed(ref.tenant, ref.connection, moved.kind);
    return refreshFailed(deps, ref, user, identity, connection, moved);
  }
  if (stored) return stored;

  if (!refreshable(identity)) {
    // Nothing to refresh with: served while above the floor, then forgotten (stored_token_policy.ts).
    const held = unrefreshableStoredToken(identity, deps.sealer, deps.now(), deps.timing.servableMarginMs);
    if ('serve' in held) return held.serve;
    throw await disconnect(deps, ref, user, held.forget, 'no refresh token stored');
  }
  const tokens = identity.tokens;

  // Asked again holding the lock: the refresh before, here or on another instance, may have begun a pause.
  const untilReset = await storedTokenIfHeldBackWith(deps, ref, identity, connection);
  if (untilReset) return untilReset;
  const failed = (error: unknown): Promise<VaultAccessToken> => {
    const failure = upstreamFailureOf(error);
    deps.metrics.refreshed(ref.tenant, ref.connection, failure.kind);
    return refreshFailed(deps, ref, user, identity, connection, failure);
  };
  let client: UpstreamTokenClient;
  try {
    client = await deps.tokenClientFor(connection, identity.api);
  } catch (error) {
    // The connection has moved to another API since these tokens were issued: the identity needs
    // reauthorization, as after an upstream's refusal. Anything else is fitgate's own and goes out as it is.
    if (upstreamFailureOf(error).kind === 'api_changed') return failed(error);
    // The connection cannot reach its upstream (the binding of tokenClientFor says why): no user can
    // fix it, so the administrator's log says it, with the cause the reader is not shown, once a while.
    if (error instanceof TokenUnavailableError) deps.reportUnreachable(ref, error);
    throw error;
  }
  let refreshed;
  try {
    refreshed = await client.refresh(deps.sealer.open(tokens.refreshToken));
    // An answer that cannot be stored fails here, as any other bad answer, before it counts as issued.
    checkIssuedTokens(refreshed, 'refresh');
  } catch (error) {
    return failed(error);
  }
  deps.metrics.refreshed(ref.tenant, ref.connection, 'success');
  issued();

  const now = deps.now();
  let keptStored = false;
  await storeRefreshed(deps, ref, () =>
    updateIdentity(
      deps.users,
      ref,
      (current) => {
        const write = refreshWrite(current, tokens, refreshed, now, deps.sealer);
        keptStored = write.keptStored;
        return write.identity;
      },
      new Date(now),
    ),
  );
  const details = identityLogFacts(ref);
  if (keptStored) deps.logger.info(details, 'upstream access token refreshed; kept the tokens a login stored meanwhile');
  else deps.logger.info(details, 'upstream access token refreshed');
  return { accessToken: refreshed.accessToken, expiresIn: refreshed.expiresIn };
}

/**
 * The failure (`api_changed`) when the identity's tokens were issued by an API the connection has
 * moved off and cannot reach any more (the resolver's CredentialsForOtherApiError: it holds
 * credentials for its new API only); undefined otherwise, the sandbox's stand-in for the old API
 * included. Such tokens are handed to nobody from the switch on, however long the access token has
 * left: a legacy Fitbit token lives 8 hours, and a reader told `connected` with it would call an API
 * the connection no longer uses, while the identity reads `connection_api_changed` only once due.
 * The same answer at every read is what docs/management-api.md promises for that reason.
 */
export async function issuedByAnotherApi(deps: ResolvedVaultDeps, connection: Connection, identity: Identity): Promise<UpstreamFailure | undefined> {
  if (identity.api === connection.options.api) return undefined;
  try {
    await deps.tokenClientFor(connection, identity.api);
    return undefined;
  } catch (error) {
    // Any other refusal is the refresh's to report, as before, once the token is due.
    const failure = upstreamFailureOf(error);
    return failure.kind === 'api_changed' ? failure : undefined;
  }
}

/**
 * Stores the refreshed tokens, again after each of the timing's pauses while the store fails on its
 * side. The upstream may already have retired the old refresh token: this is the one write whose
 * loss can cost the user's connection, so it is not given up at the first failure, and a final
 * failure is logged loudly (legacy Fitbit answers a repeated refresh within its replay window with
 * the same pair, which gives the next caller a chance to recover).
 */
async function storeRefreshed(deps: ResolvedVaultDeps, ref: IdentityRef, write: () => Promise<unknown>): Promise<void> {
  const details = identityLogFacts(ref);
  for (const pause of deps.timing.storeRetryPausesMs) {
    try {
      await write();
      return;
    } catch (error) {
      if (isRefusal(error) || error instanceof VaultError || error instanceof NotFoundInStoreError) return loudly(deps, details, error);
      deps.logger.warn({ err: error, ...details, retry_in_ms: pause }, 'refreshed upstream tokens not stored yet; trying again');
      await delay(pause);
    }
  }
  await write().catch((error: unknown) => loudly(deps, details, error));
}

function loudly(deps: ResolvedVaultDeps, details: object, error: unknown): never {
  deps.logger.error({ err: error, ...details }, 'refreshed upstream tokens could not be stored');
  throw error;
}

/**
 * What a failed refresh answers, by its outcome (upstream_token_client.ts) and the stored-token rules
 * (stored_token_policy.ts): the identity needs reauthorization when the upstream refused the tokens
 * for good; a refused client is the administrator's to fix: unavailable, saying so, at once, and the
 * connection paused (connection_pause.ts); otherwise the stored token while it is servable, or the
 * rate-limited or unavailable failure the caller may retry. A rate limit holds back this identity,
 * or pauses the whole connection when the plugin says the quota was the connection's client's.
 */
async function refreshFailed(
  deps: ResolvedVaultDeps,
  ref: IdentityRef,
  user: User,
  identity: Identity,
  connection: Connection,
  failure: UpstreamFailure,
): Promise<VaultAccessToken> {
  if (failure.outcome === 'reauthorize') throw await disconnect(deps, ref, user, failure.reason, failure.message);
  if (failure.outcome === 'client_refused') {
    const cause = { reason: 'client_refused', connection, upstreamMessage: failure.message } as const;
    throw connectionPauseError(ref.connection, await recordConnectionPause(deps, ref, cause, {}));
  }
  const stored = servesStoredTokenThrough(failure) ? servedStoredToken(deps, ref, identity, 'refresh_failed') : undefined;
  // Whether the caller got the stored token is what tells an upstream blip from an outage callers see.
  const served = stored ? { served_stored_token: true, expires_in_s: stored.expiresIn } : { served_stored_token: false };
  const context = { ...identityLogFacts(ref), ...served };
  if (failure.kind === 'rate_limited' && failure.rateLimitScope === 'client') {
    const pause = await recordConnectionPause(deps, ref, { reason: 'rate_limited', retryAfterSeconds: failure.retryAfterSeconds }, context);
    if (stored) return stored;
    throw connectionPauseError(ref.connection, pause);
  }
  if (failure.kind === 'rate_limited') {
    const seconds = await recordBackoff(deps.ephemeral, identityKey(ref), identity.tokens, failure.retryAfterSeconds, deps.now());
    deps.logger.warn({ ...context, retry_after_s: seconds, rate_limit_scope: failure.rateLimitScope ?? 'unknown' }, 'upstream rate-limited a token refresh');
    if (stored) return stored;
    throw rateLimitedError(ref, seconds);
  }
  deps.logger.warn({ ...context, kind: failure.kind, upstream: failure.message }, 'upstream token refresh failed');
  if (stored) return stored;
  throw new TokenUnavailableError('upstream_failed', `The upstream could not refresh the ${ref.connection} token now (${failure.kind}); try again later.`);
}

/** Stores the new status, writes the log event, and returns the error the caller answers with. */
async function disconnect(
  deps: ResolvedVaultDeps,
  ref: IdentityRef,
  user: User,
  reason: ReauthorizationReason,
  upstreamMessage: string,
): Promise<Error> {
  const now = new Date(deps.now());
  const disconnected = await updateIdentity(deps.users, ref, (current) => markNeedsReauthorization(current, reason, now), now);
  deps.metrics.needsReauthorization(ref.tenant, ref.connection, reason);
  const context = { ...identityLogFacts(ref), reason };
  deps.logger.warn(context, 'identity needs reauthorization');
  // Best effort (TokenVaultDeps.recordEvent): the status is stored, and a missing log line must not hide it from the caller.
  await deps.recordEvent({
    tenant: ref.tenant,
    type: IDENTITY_DISCONNECTED_EVENT,
    description: `The ${ref.connection} identity needs reauthorization: ${reason}`,
    connection: ref.connection,
    userId: ref.userId,
    ...(user.name !== undefined ? { userName: user.name } : {}),
    details: { identity_user_id: ref.upstreamUserId, status: disconnected.status, reason, upstream_message: upstreamMessage },
  });
  return needsReauthorizationError(disconnected);
}

/**
 * Auth0's "Failed Exchange: Refresh Token for Access Token": the upstream refused the exchange. The
 * details carry the new identity status, which is what tells it apart from fitgate's own refresh tokens.
 */
export const IDENTITY_DISCONNECTED_EVENT = 'fertft';
