import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../../store/store.js';
import { RateLimitedError } from '../../errors/index.js';
import { waitInWords } from './wait_in_words.js';

export const PASSWORD_CHANGE_LIMITS = { attempts: 5, windowSeconds: 15 * 60 } as const;

/**
 * Bounds wrong current passwords on the change-password form, per admin, so a session left open
 * does not let anyone guess the password behind it. Its own count: the sign-in limit never refuses
 * this form, and this one never locks anybody out of signing in.
 */
export class PasswordChangeLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(store: Store) {
    this.limiter = store.rateLimiter({
      keyPrefix: 'admin_password_change',
      points: PASSWORD_CHANGE_LIMITS.attempts,
      durationSeconds: PASSWORD_CHANGE_LIMITS.windowSeconds,
    });
  }

  /** Throws RateLimitedError (429, Retry-After) once this admin has used up their tries. */
  async ensureAllowed(email: string): Promise<void> {
    const spent = await this.limiter.get(email);
    if (spent && spent.consumedPoints >= PASSWORD_CHANGE_LIMITS.attempts) {
      throw new RateLimitedError(`Too many wrong current passwords. Try again in ${waitInWords(spent.msBeforeNext)}.`, spent.msBeforeNext / 1000);
    }
  }

  /** Counts a wrong current password. */
  async failed(email: string): Promise<void> {
    await this.limiter.penalty(email, 1);
  }

  async succeeded(email: string): Promise<void> {
    await this.limiter.delete(email);
  }
}
