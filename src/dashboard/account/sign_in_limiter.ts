import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../../store/store.js';
import { RateLimitedError } from '../../errors/index.js';
import { waitInWords } from './wait_in_words.js';

/**
 * Limits admin sign-in attempts three times: per account and address (guessing one admin's
 * password), per address alone (trying many admins), and per account from every address together
 * (guessing one admin's password from many addresses, each with its own per-account-and-address
 * budget), which a browser that signed in to the account before is exempt from. Every attempt counts; a success clears the per-account-and-address count and gives back
 * its own point of the account-wide one, so that limit counts failures. The limits live in the
 * store, so they hold across instances sharing Redis. Only the sign-in form is limited here: a
 * signed-in admin changing their password is never refused by it.
 *
 * The limits keyed by account count any email typed, an admin's or not, alike, so a block says
 * nothing about whether the account exists. Their count belongs to the account's current password
 * (a fingerprint of its hash is in the key): a new password, set by the admin or by
 * `npm run admin -- reset-password`, starts from zero, which is how an admin locked out of their
 * only account gets back in.
 */
export interface SignInLimits {
  /** Per account and address, in `windowSeconds`. */
  perAccount: number;
  /** Per address, whatever the accounts, in `windowSeconds`. */
  perAddress: number;
  windowSeconds: number;
  /** Per account, whatever the addresses, in `accountWideWindowSeconds`: above what one address may try. */
  perAccountWide: number;
  accountWideWindowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 5,
  perAddress: 50,
  windowSeconds: 15 * 60,
  perAccountWide: 50,
  accountWideWindowSeconds: 60 * 60,
};

/** Which limit refused an attempt: the account from this address, this address, or the account from everywhere. */
export type SignInLimit = 'account' | 'address' | 'account_wide';

const BLOCKED_BECAUSE: Readonly<Record<SignInLimit, string>> = {
  account: 'Too many sign-in attempts.',
  address: 'Too many sign-in attempts.',
  // Says "this email", not "this account": an email that is no admin's is blocked the same way.
  account_wide: 'Too many sign-in attempts for this email, from several networks.',
};

/** A refused sign-in attempt: which limit, whether this attempt is the one that reached it, and the real wait. */
export class SignInBlockedError extends RateLimitedError {
  constructor(
    readonly limit: SignInLimit,
    /** True for the first refused attempt only, so the block is logged once, not at every retry. */
    readonly justBlocked: boolean,
    readonly retryAfterMs: number,
  ) {
    super(`${BLOCKED_BECAUSE[limit]} Try again in ${waitInWords(retryAfterMs)}.`, retryAfterMs / 1000);
  }
}

export interface SignInAttempt {
  email: string;
  /** The address the attempt counts against: clientAddressKey's (an IPv6 address's /64). */
  ip: string;
  /** The stored hash of the account's password; undefined for an unknown email or no password yet. */
  passwordHash: string | undefined;
  /**
   * The browser signed in to this account before (device_cookie.ts): the account-wide limit neither
   * counts nor refuses it, so whoever spends that limit from many addresses does not lock the admin
   * out of the browsers they use. The other two limits still do.
   */
  knownDevice: boolean;
}

export class SignInLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly perAccountWide: RateLimiterAbstract;

  constructor(
    store: Store,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {
    this.perAccount = store.rateLimiter({ keyPrefix: 'admin_sign_in_account', points: limits.perAccount, durationSeconds: limits.windowSeconds });
    this.perAddress = store.rateLimiter({ keyPrefix: 'admin_sign_in_address', points: limits.perAddress, durationSeconds: limits.windowSeconds });
    this.perAccountWide = store.rateLimiter({
      keyPrefix: 'admin_sign_in_account_wide',
      points: limits.perAccountWide,
      durationSeconds: limits.accountWideWindowSeconds,
    });
  }

  /** Counts one attempt; throws SignInBlockedError (429, Retry-After) once any limit is spent. */
  async attempt(attempt: SignInAttempt): Promise<void> {
    await this.consume(this.perAddress, attempt.ip, 'address', this.limits.perAddress);
    await this.consume(this.perAccount, accountKey(attempt), 'account', this.limits.perAccount);
    if (!attempt.knownDevice) {
      await this.consume(this.perAccountWide, accountWideKey(attempt), 'account_wide', this.limits.perAccountWide);
    }
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.perAccount.delete(accountKey(attempt));
    // Only this attempt's point: clearing the count would hand whoever is guessing from elsewhere a
    // fresh budget at each of the admin's sign-ins. A known device's attempt took none.
    if (!attempt.knownDevice) await this.perAccountWide.reward(accountWideKey(attempt), 1);
  }

  private async consume(limiter: RateLimiterAbstract, key: string, limit: SignInLimit, points: number): Promise<void> {
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

function accountKey(attempt: SignInAttempt): string {
  return `${accountWideKey(attempt)}|${attempt.ip}`;
}

function accountWideKey({ email, passwordHash }: SignInAttempt): string {
  const password = createHash('sha256').update(passwordHash ?? '').digest('base64url').slice(0, 16);
  return `${email.toLowerCase()}|${password}`;
}
