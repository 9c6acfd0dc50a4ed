import { setTimeout as delay } from 'node:timers/promises';
import { UpstreamUnavailableError } from '../errors/index.js';
import { refreshLockName } from './identity_lock.js';
import { identityKey, readIdentity, type IdentityRef } from './stored_identity.js';
import { freshStoredToken, type VaultAccessToken } from './token_freshness.js';
import { refreshHoldingLock, throwIfBackingOff } from './token_refresh.js';
import { DEFAULT_TOKEN_VAULT_TIMING, type ResolvedVaultDeps, type TokenVaultDeps } from './token_vault_deps.js';
import { NO_VAULT_METRICS } from './vault_metrics.js';

export type { VaultAccessToken } from './token_freshness.js';

/**
 * Hands out users' upstream access tokens, refreshed first when they expire within five minutes.
 *
 * A refresh is single-flight per identity everywhere: inside one process concurrent callers share one
 * promise; across processes a lock in the shared store (Redis, or the embedded database) lets exactly
 * one refresh while the others poll, re-reading the user until the fresh token is stored. This matters
 * because legacy Fitbit refresh tokens are single use: two concurrent refreshes leave one caller with
 * a retired token, and storing the loser's answer would lose the user's connection for good.
 */
export class TokenVault {
  private readonly deps: ResolvedVaultDeps;
  private readonly inFlight = new Map<string, Promise<VaultAccessToken>>();

  constructor(deps: TokenVaultDeps) {
    this.deps = {
      ...deps,
      timing: { ...DEFAULT_TOKEN_VAULT_TIMING, ...deps.timing },
      now: deps.now ?? Date.now,
      metrics: deps.metrics ?? NO_VAULT_METRICS,
    };
  }

  /** A valid access token for the identity; throws Management errors (409, 429, 503) otherwise. */
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
      this.deps.metrics.freshToken(ref.tenant, ref.connection);
      return stored;
    }
    await throwIfBackingOff(this.deps, ref);
    return this.refreshOnce(ref);
  }

  /** Takes the identity's lock and refreshes, or waits for whoever holds it and uses their result. */
  private async refreshOnce(ref: IdentityRef): Promise<VaultAccessToken> {
    const { locks, timing, now } = this.deps;
    const lockName = refreshLockName(ref);
    const giveUpAt = now() + timing.waitBoundMs;
    let waiting = false;
    for (;;) {
      const lockToken = await locks.tryAcquire(lockName, timing.lockTtlMs);
      if (lockToken) {
        try {
          return await refreshHoldingLock(this.deps, ref);
        } finally {
          await locks.release(lockName, lockToken).catch((error: unknown) => {
            // The lock expires by itself; a failed release only delays the next refresh.
            this.deps.logger.warn({ err: error, lock: lockName }, 'could not release a token refresh lock');
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
      if (stored) return stored;
      await throwIfBackingOff(this.deps, ref);
      if (now() > giveUpAt) {
        throw new UpstreamUnavailableError(
          `Another request is still refreshing the ${ref.connection} token of this user; try again shortly.`,
        );
      }
    }
  }
}
