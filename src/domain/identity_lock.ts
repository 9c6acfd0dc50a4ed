import { setTimeout as delay } from 'node:timers/promises';
import type { LockStore } from './ports.js';
import { identityKey, type IdentityRef } from './stored_identity.js';
import { TokenUnavailableError } from './vault_errors.js';

/**
 * The lock a token refresh holds; removing an identity takes it too, so the two never interleave. A
 * login takes no part (it must stay one store write): a refresh keeps the tokens one stored meanwhile
 * (refreshed_identity.ts).
 */
export function refreshLockName(ref: IdentityRef): string {
  return `token_refresh:${identityKey(ref)}`;
}

export interface LockTiming {
  lockTtlMs: number;
  waitBoundMs: number;
  pollIntervalMs: number;
}

/**
 * Runs `work` holding the identity's refresh lock, waiting (bounded) for a refresh in progress to
 * finish. Without it, a refresh that read the user before a delete or unlink would write the
 * identity's tokens back afterwards.
 */
export async function withIdentityLock<T>(locks: LockStore, ref: IdentityRef, timing: LockTiming, work: () => Promise<T>): Promise<T> {
  const name = refreshLockName(ref);
  const giveUpAt = Date.now() + timing.waitBoundMs;
  let token = await locks.tryAcquire(name, timing.lockTtlMs);
  while (!token) {
    if (Date.now() > giveUpAt) {
      throw new TokenUnavailableError('refresh_running', `A token refresh of this ${ref.connection} identity is still running; try again shortly.`);
    }
    await delay(timing.pollIntervalMs);
    token = await locks.tryAcquire(name, timing.lockTtlMs);
  }
  try {
    return await work();
  } finally {
    await locks.release(name, token).catch(() => undefined);
  }
}
