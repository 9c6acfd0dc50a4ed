import type { Request } from 'express';
import type { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';

/** What passport made of one request: the first of redirect, error, fail or success the strategy called. */
export type PassportOutcome =
  | { readonly redirect: URL }
  | { readonly error: Error }
  | { readonly fail: unknown; readonly status: number | undefined }
  | { readonly success: unknown; readonly info: unknown };

/**
 * Runs `strategy.authenticate(req)` the way passport does, on a per-request copy with redirect,
 * error, fail and success attached, and answers the first of them called.
 */
export function authenticateOnce(strategy: OAuth2LoginStrategy, req: Partial<Request>, options: Record<string, unknown> = {}): Promise<PassportOutcome> {
  return new Promise((resolve) => {
    const live = Object.assign(Object.create(strategy) as OAuth2LoginStrategy, {
      redirect: (url: string) => resolve({ redirect: new URL(url) }),
      error: (error: Error) => resolve({ error }),
      fail: (fail: unknown, status?: number) => resolve({ fail, status }),
      success: (success: unknown, info: unknown) => resolve({ success, info }),
    });
    live.authenticate({ query: {}, ...req } as Request, options);
  });
}
