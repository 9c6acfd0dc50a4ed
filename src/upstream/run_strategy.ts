import type { Request } from 'express';
import type { Strategy } from 'passport';

/** How one run of a Passport strategy ended (passport's success / fail / redirect / error / pass). */
export type StrategyOutcome =
  | { kind: 'success'; user: unknown; info: unknown }
  | { kind: 'fail'; challenge: unknown; status: number | undefined }
  | { kind: 'redirect'; url: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'pass' }
  /** The run did not end within `deadlineMs`: not the plugin's failure, so no error posing as one. */
  | { kind: 'deadline'; deadlineMs: number };

/**
 * Runs a strategy on one request without passport's middleware (no req.login, no global registry):
 * the strategy is built once per connection version and shared by its requests, and the outcome
 * is a value the caller maps to a page or a redirect. `deadlineMs` bounds the whole run, since a login may make
 * several upstream calls in a row; the plugin bounds each of them too. What ran out of time is the
 * caller's to say (round_trip.ts): at the start, fitgate's store; at the callback, the upstream.
 */
export function runStrategy(strategy: Strategy, req: Request, options: object, deadlineMs: number): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: StrategyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'deadline', deadlineMs }), deadlineMs);

    // Passport's own pattern (lib/middleware/authenticate.js): a per-request object inheriting from
    // the strategy, given the action functions the strategy calls when it is done.
    const run = Object.create(strategy) as {
      authenticate(req: Request, options: object): void;
      success(user: unknown, info?: unknown): void;
      fail(challenge?: unknown, status?: number): void;
      redirect(url: string, status?: number): void;
      error(error: unknown): void;
      pass(): void;
    };
    run.success = (user, info) => settle({ kind: 'success', user, info });
    run.fail = (challenge, status) => settle({ kind: 'fail', challenge, status });
    run.redirect = (url) => settle({ kind: 'redirect', url });
    run.error = (error) => settle({ kind: 'error', error });
    run.pass = () => settle({ kind: 'pass' });
    try {
      run.authenticate(req, options);
    } catch (error) {
      settle({ kind: 'error', error });
    }
  });
}
