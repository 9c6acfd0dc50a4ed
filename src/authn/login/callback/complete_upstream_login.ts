import type { Request } from 'express';
import type { Config } from '../../../config/index.js';
import { roundTripTenantUrl } from '../../../domain/tenants.js';
import { InvalidRequestError } from '../../../errors/index.js';
import type { Connection } from '../../../domain/types.js';
import type { LoginTransaction } from '../login_transaction.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { finishRoundTrip, type VerifiedUpstream } from '../../../upstream/round_trip.js';
import { LoginFailed, loginFailureOf } from './login_failure.js';
import { StaleLoginError } from './stale_login.js';

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: the
 * strategy exchanges the code (with that transaction's PKCE verifier, when it has one) and loads the
 * profile. Every failure is thrown as the login failure it is (login_failure.ts), the upstream's
 * worded in its name, except a state the strategy refuses (StaleLoginError), which no client is told of.
 */
export async function completeUpstreamLogin(
  req: Request,
  upstreams: Pick<UpstreamResolver, 'strategyFor'>,
  connection: Connection,
  transaction: LoginTransaction,
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
): Promise<VerifiedUpstream> {
  const outcome = await finishRoundTrip(req, { upstreams, connection, tenantUrl: roundTripTenantUrl(config, connection.tenant, req.context) }, transaction);
  // Without an upstream, resolving it failed: the resolver's refusal, read as any error of fitgate's.
  const failed = (error: unknown) => new LoginFailed(loginFailureOf(error, outcome.upstream?.wording));
  switch (outcome.kind) {
    case 'success':
      return outcome.verified;
    case 'no_answer':
      throw new InvalidRequestError('The upstream returned neither a code nor an error.');
    case 'refused':
      throw failed(outcome.failure);
    case 'state_rejected':
      throw new StaleLoginError();
    case 'deadline':
      // The exchange and the profile calls: the upstream was too slow, as a plugin's own timeout says.
      throw failed({ kind: 'timeout', message: `The upstream login did not finish within ${Math.round(outcome.deadlineMs / 1000)} s.` });
    case 'error':
      throw failed(outcome.error);
  }
}
