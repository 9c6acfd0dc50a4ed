import type { Request } from 'express';
import { AccessDeniedError, InvalidRequestError } from '../../../errors/index.js';
import type { Connection } from '../../../domain/types.js';
import type { LoginTransaction } from '../login_transaction.js';
import { clientErrorForUpstream } from '../../../upstream/map_upstream_error.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { finishRoundTrip, type VerifiedUpstream } from '../../../upstream/round_trip.js';

/**
 * Finishes the upstream side of a login whose transaction the callback has already taken: resolves
 * the connection's upstream once, and the strategy exchanges the code with that transaction's PKCE
 * verifier and loads the profile. Every failure comes back as the OAuth error the client should receive.
 */
export async function completeUpstreamLogin(
  req: Request,
  upstreams: UpstreamResolver,
  connection: Connection,
  transaction: LoginTransaction,
): Promise<VerifiedUpstream> {
  const { tenantUrl } = req.context;
  const upstream = upstreams.resolve(connection, tenantUrl);
  const query = req.query as Record<string, unknown>;
  if (typeof query.code !== 'string' && typeof query.error !== 'string') {
    // Without either, passport would start a new authorization instead of finishing this one.
    throw new InvalidRequestError('The upstream returned neither a code nor an error.');
  }
  const target = { upstream, connection, tenantUrl, deadlineMs: upstreams.loginDeadlineMs };
  const outcome = await finishRoundTrip(req, target, transaction);
  const { wording } = upstream;
  switch (outcome.kind) {
    case 'success':
      return outcome.verified;
    case 'fail':
      throw new AccessDeniedError(`The user did not allow access at ${wording.name}.`);
    case 'error':
      throw clientErrorForUpstream(outcome.error, wording);
  }
}
