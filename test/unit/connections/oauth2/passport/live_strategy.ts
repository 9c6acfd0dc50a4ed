import type { Request } from 'express';
import { UpstreamServerError } from '../../../../../src/connections/oauth2/errors/server_error.js';
import type { OAuth2LoginStrategy, OAuth2LoginStrategyBaseOptions } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import type { UpstreamAnswer } from '../../../../../src/connections/plugin.js';
import { recordingPort, type RecordedCall } from '../recording_port.js';

/** A state store that keeps nothing and takes every state back, with no PKCE verifier. */
export const ACCEPTING_STORE = {
  store: (_req: unknown, _verifier: unknown, _state: unknown, _meta: unknown, callback: (error: null, handle: string) => void) => callback(null, 'handle'),
  verify: (_req: unknown, _state: string, callback: (error: null, ok: boolean, state: object) => void) => callback(null, true, {}),
};

/**
 * The options of a strategy at a public client of upstream.example, whose token endpoint answers
 * `answer` (a 500 unless given) through a recording port: `calls` holds what it was sent.
 */
export function upstreamOptions(
  answer: UpstreamAnswer = { status: 500, headers: {}, body: '' },
  options: Partial<OAuth2LoginStrategyBaseOptions> = {},
): { options: OAuth2LoginStrategyBaseOptions; calls: RecordedCall[] } {
  const { upstreamFetch, calls } = recordingPort(answer);
  return {
    calls,
    options: {
      authorizationURL: 'https://upstream.example/authorize',
      tokenEndpoint: { url: 'https://upstream.example/token', client: { method: 'none', clientID: 'c' }, upstreamFetch, timeoutMs: 1_000, refusal: (refused) => new UpstreamServerError(refused) },
      clientID: 'c',
      callbackURL: 'https://host.example/callback',
      scope: ['read'],
      pkce: true,
      ...options,
    },
  };
}

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
