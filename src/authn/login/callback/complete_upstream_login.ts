import type { Request } from 'express';
import type { Config } from '../../../config/index.js';
import { roundTripTenantUrl } from '../../../domain/tenants.js';
import type { Connection } from '../../../domain/types.js';
import type { VerifiedLogin } from '../../../domain/upstream_login.js';
import type { LoginTransaction } from '../login_transaction.js';
import { loginFailureOf, loginFailureOfFinish, type LoginFailure } from '../../../upstream/login_failure.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { finishRoundTrip, type FinishOutcome } from '../../../upstream/round_trip.js';

/** A login the upstream vouched for, and the upstream it went through (its plugin names its API and words the log). */
export interface CompletedUpstreamLogin {
  readonly verified: VerifiedLogin;
  readonly upstream: Pick<ResolvedUpstream, 'plugin' | 'wording'>;
}

/** How the upstream side of a login ended: completed, or failed, read already as the login's failure. */
export type UpstreamLoginOutcome = CompletedUpstreamLogin | { readonly failure: LoginFailure };

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: the
 * strategy exchanges the code (with that transaction's PKCE verifier, when it has one) and loads the
 * profile. What the outcome means is round_trip.ts's to say; this reads a failure as the login's
 * (login_failure.ts: loginFailureOfFinish, which a failed TRY's log event reads too), the one place
 * that knows the upstream's wording, so the callback reads only what its later steps throw. Never throws.
 */
export async function completeUpstreamLogin(
  req: Request,
  upstreams: Pick<UpstreamResolver, 'strategyFor'>,
  connection: Connection,
  transaction: LoginTransaction,
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
): Promise<UpstreamLoginOutcome> {
  let outcome: FinishOutcome;
  try {
    outcome = await finishRoundTrip(req, { upstreams, connection, tenantUrl: roundTripTenantUrl(config, connection.tenant, req.context) }, transaction);
  } catch (caught) {
    // round_trip.ts answers every end of the round trip as an outcome: a throw is fitgate's fault, no upstream's to word.
    return { failure: loginFailureOf(caught) };
  }
  if (outcome.kind === 'success') return { verified: outcome.verified, upstream: outcome.upstream };
  return { failure: loginFailureOfFinish(outcome) };
}
