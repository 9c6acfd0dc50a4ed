import { fitgateCode, redeemCode, refresh, userinfo, type FitgateTarget, type Tokens } from './flows.js';
import { runLoad } from './load.js';
import { measure, type Measured } from './measure.js';
import type { LoadResult } from './result_schema.js';

/**
 * /oauth/token and /userinfo on their own: codes are made first by full front-channel logins (not
 * measured), then redeemed as fast as the virtual users can; the refresh tokens this yields are
 * rotated for the duration; the access tokens are presented to /userinfo.
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
): Promise<{ codeExchange: LoadResult; refresh: LoadResult; userinfo: LoadResult }> {
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

  // A refresh token is rotated by its use, so each is in exactly one virtual user's hands at a time.
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
  return { codeExchange, refresh: refreshed, userinfo: userinfoAlone };
}
