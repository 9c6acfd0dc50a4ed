import { randomBytes } from 'node:crypto';
import { beginFitgateLogin, fitgateCode, redeemCode, refresh, userinfo, type FitgateTarget, type Tokens } from './flows.js';
import { CookieJar } from './http_client.js';
import { runLoad } from './load.js';
import { measure, type Measured } from './measure.js';
import type { LoadResult } from './result_schema.js';

/**
 * A login's hops to fitgate on their own, except the callback (which needs a fresh upstream code
 * each time, so it is measured only inside complete logins; its cost is the login's less these):
 * /authorize, each from a new visitor, leaving a pending login behind as a real one does; then
 * /oauth/token and /userinfo: codes are made first by full front-channel logins (not measured),
 * then redeemed as fast as the virtual users can; the refresh tokens this yields are used for the
 * duration (a new regular web application's are non-rotating, as at Auth0: the same token again; a
 * rotating policy's answer carries the next one); the access tokens are presented to /userinfo.
 */
export interface EndpointPlan {
  concurrency: number;
  durationMs: number;
  /** Codes to prepare; each is redeemed once. They live 60 s, so this many must be made in well under that. */
  codes: number;
  loginAs: (sequence: number) => string;
}

// Prepared codes must all be redeemed before the first one expires (60 s).
const PREPARE_BOUND_MS = 30_000;

export async function measureEndpoints(
  target: FitgateTarget,
  plan: EndpointPlan,
  processes: Measured,
): Promise<{ authorize: LoadResult; codeExchange: LoadResult; refresh: LoadResult; userinfo: LoadResult }> {
  const authorize = await measure(
    { concurrency: plan.concurrency, durationMs: plan.durationMs },
    ['authorize'],
    (times) => times.time('authorize', async () => void (await beginFitgateLogin(target, new CookieJar(), randomBytes(12).toString('base64url')))),
    processes,
  );

  const codes: string[] = [];
  const prepared = await runLoad(
    { concurrency: plan.concurrency, durationMs: PREPARE_BOUND_MS, iterations: plan.codes },
    ['authorize', 'upstream_consent', 'callback'],
    async (times, sequence) => void codes.push(await fitgateCode(target, times, plan.loginAs(sequence))),
  );
  if (codes.length < plan.concurrency) throw new Error(`could not prepare codes: ${prepared.errorSamples.join('; ')}`);

  const tokens: Tokens[] = [];
  const codeExchange = await measure(
    { concurrency: plan.concurrency, durationMs: PREPARE_BOUND_MS, iterations: codes.length },
    ['token'],
    async (times, sequence) => void tokens.push(await times.time('token', () => redeemCode(target, codes[sequence] ?? ''))),
    processes,
  );

  // Each refresh token is in one virtual user's hands at a time: under a rotating policy its use spends it.
  const refreshTokens = tokens.map((token) => token.refreshToken);
  const refreshed = await measure(
    { concurrency: plan.concurrency, durationMs: plan.durationMs },
    ['token'],
    async (times) => {
      const current = refreshTokens.shift();
      if (current === undefined) throw new Error('refresh: every refresh token is in use');
      const next = await times.time('token', () => refresh(target, current));
      refreshTokens.push(next.refreshToken);
    },
    processes,
  );

  const accessTokens = tokens.map((token) => token.accessToken);
  const userinfoAlone = await measure(
    { concurrency: plan.concurrency, durationMs: plan.durationMs },
    ['userinfo'],
    (times, sequence) => times.time('userinfo', () => userinfo(target, accessTokens[sequence % accessTokens.length] ?? '')),
    processes,
  );
  return { authorize, codeExchange, refresh: refreshed, userinfo: userinfoAlone };
}
