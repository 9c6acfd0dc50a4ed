import type { Request } from 'express';
import type { Config } from '../../../config/index.js';
import { roundTripTenantUrl } from '../../../domain/tenants.js';
import type { Connection } from '../../../domain/types.js';
import type { VerifiedLogin } from '../../../domain/upstream_login.js';
import type { LoginTransaction } from '../login_transaction.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { finishRoundTrip } from '../../../upstream/round_trip.js';
import { LoginFailed, loginFailureOf } from '../login_failure.js';
import { StaleLoginError } from './stale_login.js';

/** A login the upstream vouched for, and the upstream it went through (its plugin names its API and words the log). */
export interface CompletedUpstreamLogin {
  readonly verified: VerifiedLogin;
  readonly upstream: Pick<ResolvedUpstream, 'plugin' | 'wording'>;
}

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: the
 * strategy exchanges the code (with that transaction's PKCE verifier, when it has one) and loads the
 * profile. What the outcome means is round_trip.ts's to say; this only words it for the client
 * (login_failure.ts), in the upstream's name, and throws it, except a state the strategy refuses
 * (StaleLoginError), which no client is told of.
 */
export async function completeUpstreamLogin(
  req: Request,
  upstreams: Pick<UpstreamResolver, 'strategyFor'>,
  connection: Connection,
  transaction: LoginTransaction,
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
): Promise<CompletedUpstreamLogin> {
  const outcome = await finishRoundTrip(req, { upstreams, connection, tenantUrl: roundTripTenantUrl(config, connection.tenant, req.context) }, transaction);
  switch (outcome.kind) {
    case 'success':
      return { verified: outcome.verified, upstream: outcome.upstream };
    case 'state_rejected':
      throw new StaleLoginError();
    case 'failed':
      throw new LoginFailed(loginFailureOf(outcome.failure, outcome.upstream.wording));
    case 'error':
      // Without an upstream, resolving it failed: the resolver's refusal, read as any error of fitgate's.
      throw new LoginFailed(loginFailureOf(outcome.error, outcome.upstream?.wording));
  }
}
