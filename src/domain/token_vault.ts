import { setTimeout as delay } from 'node:timers/promises';
import { refreshLockName } from './identity_lock.js';
import { identityLogFacts } from './identity_log_facts.js';
import { identityKey, readIdentity, type IdentityRef } from './stored_identity.js';
import { servedStoredToken, storedTokenIfHeldBack, storedTokenOr } from './stored_token_answers.js';
import { freshStoredToken, servableStoredToken, type VaultAccessToken } from './stored_token_policy.js';
import { issuedByAnotherApi, refreshHoldingLock } from './token_refresh.js';
import { DEFAULT_TOKEN_VAULT_TIMING, type ResolvedVaultDeps, type TokenVaultDeps } from './token_vault_deps.js';
import type { Identity } from './types.js';
import { unreachableConnectionReport } from './unreachable_connection_report.js';
import { ConnectionGoneError, TokenUnavailableError } from './vault_errors.js';
import { NO_VAULT_METRICS } from './vault_metrics.js';
import { withinPatience } from './within_patience.js';

export type { VaultAccessToken } from './stored_token_policy.js';

/**
 * Hands out users' upstream access tokens, refreshed first when they expire within five minutes.
 *
 * A refresh is single-flight per identity everywhere: inside one process concurrent callers share one
 * promise; across processes a lock in the shared store (Redis, or the embedded database) lets exactly
 * one refresh while the others poll, re-reading the user until the fresh token is stored. This matters
 * because legacy Fitbit refresh tokens are single use: two concurrent refreshes leave one caller with
 * a retired token, and storing the loser's answer would lose the user's connection for good.
 *
 * A stored token that is still good for a while (stored_token_policy.ts) is not withheld because
 * the upstream is down, slow or rate-limiting: the caller gets it when the refresh fails for such a
 * reason, when the upstream's rate-limit window is open, or when the upstream takes longer than a
 * short patience to answer, in which case the refresh carries on and stores its result for the next
 * reader.
 */
export class TokenVault {
  private readonly deps: ResolvedVaultDeps;
  /** Reads in progress, which concurrent callers join. */
  private readonly inFlight = new Map<string, Promise<VaultAccessToken>>();
  /** Refreshes in progress; one may outlive the read that started it, when that read stopped waiting. */
  private readonly refreshing = new Map<string, RunningRefresh>();

  constructor(deps: TokenVaultDeps) {
    const now = deps.now ?? Date.now;
    const metrics = deps.metrics ?? NO_VAULT_METRICS;
    this.deps = {
      ...deps,
      timing: { ...DEFAULT_TOKEN_VAULT_TIMING, ...deps.timing },
      now,
      metrics,
      reportUnreachable: unreachableConnectionReport(deps.logger, metrics, now),
    };
  }

  /** A valid access token for the identity; throws a VaultFailure (vault_errors.ts) otherwise. */
  accessToken(ref: IdentityRef): Promise<VaultAccessToken> {
    const key = identityKey(ref);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.read(ref).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    } else {
      this.deps.metrics.waitedForRefresh(ref.tenant, ref.connection);
    }
    return pending;
  }

  private async read(ref: IdentityRef): Promise<VaultAccessToken> {
    const { identity } = await readIdentity(this.deps.users, ref);
    const stored = freshStoredToken(identity, this.deps.sealer, this.deps.now(), this.deps.timing.refreshMarginMs);
    if (stored) {
      // Tokens of an API the connection moved off are served to nobody: the refresh, under the lock,
      // marks the identity (token_refresh.ts's issuedByAnotherApi). A deleted connection's: ConnectionGoneError.
      if (await this.issuedByAnotherApi(ref, identity)) return this.refresh(ref).result;
      this.deps.metrics.freshToken(ref.tenant, ref.connection);
      return stored;
    }
    const untilReset = await storedTokenIfHeldBack(this.deps, ref, identity);
    if (untilReset) return untilReset;
    const running = this.refresh(ref);
    const { sealer, now, timing } = this.deps;
    if (!servableStoredToken(identity, sealer, now(), timing.servableMarginMs)) return running.result;
    // Patience is for the upstream (and another instance's refresh). Once new tokens are issued, the
    // reader waits for them to be stored: it gets the new token, or the store's failure as before.
    return withinPatience(running.result, timing.refreshPatienceMs, () => (running.issued() ? undefined : this.servedWhileRefreshing(ref, identity)));
  }

  /**
   * Whether the stored tokens are of an API the connection has moved off (one cached connection read).
   * Throws ConnectionGoneError, as the refresh does, when the connection no longer exists: its deletion
   * removes its identities first (connection_removal.ts), but a login or user creation that read the
   * connection before it went can store one after.
   */
  private async issuedByAnotherApi(ref: IdentityRef, identity: Identity): Promise<boolean> {
    const connection = await this.deps.connections.getByName(ref.tenant, ref.connection);
    if (connection === undefined) {
      throw new ConnectionGoneError(`The connection ${ref.connection} no longer exists, so its tokens are served to nobody.`);
    }
    return (await issuedByAnotherApi(this.deps, connection, identity)) !== undefined;
  }

  /** The refresh of this identity this process runs, started unless one is running already. */
  private refresh(ref: IdentityRef): RunningRefresh {
    const key = identityKey(ref);
    const joined = this.refreshing.get(key);
    if (joined) {
      this.deps.metrics.waitedForRefresh(ref.tenant, ref.connection);
      return joined;
    }
    let issued = false;
    const result = this.refreshOnce(ref, () => (issued = true)).finally(() => this.refreshing.delete(key));
    // A reader that stopped waiting has its answer already, and the failure is logged where it
    // happened; nobody else may be listening when it settles.
    result.catch(() => undefined);
    this.deps.background?.(result);
    const running: RunningRefresh = { result, issued: () => issued };
    this.refreshing.set(key, running);
    return running;
  }

  /**
   * The stored token, for a reader whose refresh outlasted its patience; undefined (wait on, as
   * without a stored token) when the token has fallen below the margin meanwhile.
   */
  private servedWhileRefreshing(ref: IdentityRef, identity: Identity): VaultAccessToken | undefined {
    const stored = servedStoredToken(this.deps, ref, identity, 'refresh_slow');
    if (stored) {
      this.deps.logger.info(
        { ...identityLogFacts(ref), waited_ms: this.deps.timing.refreshPatienceMs, expires_in_s: stored.expiresIn },
        'token refresh still running; served the stored access token',
      );
    }
    return stored;
  }

  /** Takes the identity's lock and refreshes, or waits for whoever holds it and uses their result. */
  private async refreshOnce(ref: IdentityRef, issued: () => void): Promise<VaultAccessToken> {
    const { locks, timing, now } = this.deps;
    const lockName = refreshLockName(ref);
    const giveUpAt = now() + timing.waitBoundMs;
    let waiting = false;
    for (;;) {
      const lockToken = await locks.tryAcquire(lockName, timing.lockTtlMs);
      if (lockToken) {
        try {
          return await refreshHoldingLock(this.deps, ref, issued);
        } finally {
          await locks.release(lockName, lockToken).catch((error: unknown) => {
            // The lock expires by itself; a failed release only delays the next refresh.
            this.deps.logger.warn({ ...identityLogFacts(ref), err: error, lock: lockName }, 'could not release a token refresh lock');
          });
        }
      }
      if (!waiting) {
        waiting = true;
        this.deps.metrics.waitedForRefresh(ref.tenant, ref.connection);
      }
      await delay(timing.pollIntervalMs);
      const { identity } = await readIdentity(this.deps.users, ref);
      const stored = freshStoredToken(identity, this.deps.sealer, now(), timing.refreshMarginMs);
      // A moved identity waits for the lock's holder to mark it (or takes the lock and marks it).
      if (stored && !(await this.issuedByAnotherApi(ref, identity))) return stored;
      const untilReset = await storedTokenIfHeldBack(this.deps, ref, identity);
      if (untilReset) return untilReset;
      if (now() > giveUpAt) {
        const error = new TokenUnavailableError(
          'refresh_running',
          `Another request is still refreshing the ${ref.connection} token of this user; try again shortly.`,
        );
        return storedTokenOr(this.deps, ref, identity, 'refresh_busy', error);
      }
    }
  }
}

/** A refresh this process runs, and whether the upstream has issued its new tokens yet. */
interface RunningRefresh {
  result: Promise<VaultAccessToken>;
  issued(): boolean;
}
