import type { Request } from 'express';
import { InvalidRequestError } from '../../../errors/index.js';
import type { Connection } from '../../../domain/types.js';
import type { LoginTransaction } from '../login_transaction.js';
import { clientErrorForUpstream } from '../../../upstream/map_upstream_error.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { finishRoundTrip, type VerifiedUpstream } from '../../../upstream/round_trip.js';
import { StaleLoginError } from './stale_login.js';

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: the
 * strategy exchanges the code (with that transaction's PKCE verifier, when it has one) and loads the
 * profile. Every failure comes back as the OAuth error the client should receive, except a state
 * the strategy refuses (StaleLoginError), which no client is told of.
 */
export async function completeUpstreamLogin(
  req: Request,
  upstreams: Pick<UpstreamResolver, 'resolve' | 'strategyFor' | 'loginDeadlineMs'>,
  connection: Connection,
  transaction: LoginTransaction,
): Promise<VerifiedUpstream> {
  const { tenantUrl } = req.context;
  const { wording } = upstreams.resolve(connection, tenantUrl);
  const target = { upstreams, connection, tenantUrl, deadlineMs: upstreams.loginDeadlineMs };
  const outcome = await finishRoundTrip(req, target, transaction);
  switch (outcome.kind) {
    case 'success':
      return outcome.verified;
    case 'no_answer':
      throw new InvalidRequestError('The upstream returned neither a code nor an error.');
    case 'refused':
      throw clientErrorForUpstream(outcome.failure, wording);
    case 'state_rejected':
      throw new StaleLoginError();
    case 'error':
      throw clientErrorForUpstream(outcome.error, wording);
  }
}
