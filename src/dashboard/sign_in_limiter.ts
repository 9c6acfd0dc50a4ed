import type { Store } from '../store/store.js';
import { RateLimitedError } from '../errors/index.js';

/**
 * Limits admin sign-in attempts twice: per email and address (guessing one admin's password) and per
 * address alone (trying many admins). Every attempt counts, a success clears the per-account count.
 * The limits live in the store, so they hold across instances sharing Redis.
 */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

export class SignInLimiter {
  private readonly perAccount;
  private readonly perAddress;

  constructor(store: Store, limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.perAccount = store.rateLimiter({
      keyPrefix: 'admin_sign_in_account',
      points: limits.perAccount,
      durationSeconds: limits.windowSeconds,
    });
    this.perAddress = store.rateLimiter({
      keyPrefix: 'admin_sign_in_address',
      points: limits.perAddress,
      durationSeconds: limits.windowSeconds,
    });
  }

  /** Counts one attempt; throws RateLimitedError (429, Retry-After) once either limit is spent. */
  async attempt(email: string, ip: string): Promise<void> {
    try {
      await this.perAddress.consume(ip);
      await this.perAccount.consume(accountKey(email, ip));
    } catch (rejection) {
      // rate-limiter-flexible rejects with a result (msBeforeNext) when the limit is spent, and with an
      // Error when its store fails; only the first is the visitor's doing.
      if (rejection instanceof Error) throw rejection;
      const msBeforeNext = (rejection as { msBeforeNext: number }).msBeforeNext;
      throw new RateLimitedError('Too many sign-in attempts. Wait a few minutes before trying again.', msBeforeNext / 1000);
    }
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.perAccount.delete(accountKey(email, ip));
  }
}

function accountKey(email: string, ip: string): string {
  return `${email.toLowerCase()}|${ip}`;
}
