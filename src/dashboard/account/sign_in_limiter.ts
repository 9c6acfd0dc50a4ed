import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../../store/store.js';
import { RateLimitedError } from '../../errors/index.js';
import { waitInWords } from './wait_in_words.js';

/**
 * Limits admin sign-in attempts twice: per account and address (guessing one admin's password) and
 * per address alone (trying many admins). Every attempt counts, a success clears the per-account
 * count. The limits live in the store, so they hold across instances sharing Redis. Only the sign-in
 * form is limited here: a signed-in admin changing their password is never refused by it.
 *
 * The per-account count belongs to the account's current password (a fingerprint of its hash is in
 * the key): a new password, set by the admin or by `npm run admin -- reset-password`, starts from
 * zero, which is how an admin locked out of their only account gets back in.
 */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

/** A refused sign-in attempt: which limit, whether this attempt is the one that reached it, and the real wait. */
export class SignInBlockedError extends RateLimitedError {
  constructor(
    readonly limit: 'account' | 'address',
    /** True for the first refused attempt only, so the block is logged once, not at every retry. */
    readonly justBlocked: boolean,
    readonly retryAfterMs: number,
  ) {
    super(`Too many sign-in attempts. Try again in ${waitInWords(retryAfterMs)}.`, retryAfterMs / 1000);
  }
}

export interface SignInAttempt {
  email: string;
  /** The address the attempt counts against: clientAddressKey's (an IPv6 address's /64). */
  ip: string;
  /** The stored hash of the account's password; undefined for an unknown email or no password yet. */
  passwordHash: string | undefined;
}

export class SignInLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(
    store: Store,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {
    this.perAccount = store.rateLimiter({ keyPrefix: 'admin_sign_in_account', points: limits.perAccount, durationSeconds: limits.windowSeconds });
    this.perAddress = store.rateLimiter({ keyPrefix: 'admin_sign_in_address', points: limits.perAddress, durationSeconds: limits.windowSeconds });
  }

  /** Counts one attempt; throws SignInBlockedError (429, Retry-After) once either limit is spent. */
  async attempt(attempt: SignInAttempt): Promise<void> {
    await this.consume(this.perAddress, attempt.ip, 'address', this.limits.perAddress);
    await this.consume(this.perAccount, accountKey(attempt), 'account', this.limits.perAccount);
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.perAccount.delete(accountKey(attempt));
  }

  private async consume(limiter: RateLimiterAbstract, key: string, limit: 'account' | 'address', points: number): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      // rate-limiter-flexible rejects with a result (msBeforeNext) when the limit is spent, and with an
      // Error when its store fails; only the first is the visitor's doing.
      if (rejection instanceof Error) throw rejection;
      const { msBeforeNext, consumedPoints } = rejection as { msBeforeNext: number; consumedPoints: number };
      throw new SignInBlockedError(limit, consumedPoints === points + 1, msBeforeNext);
    }
  }
}

function accountKey({ email, ip, passwordHash }: SignInAttempt): string {
  const password = createHash('sha256').update(passwordHash ?? '').digest('base64url').slice(0, 16);
  return `${email.toLowerCase()}|${password}|${ip}`;
}
