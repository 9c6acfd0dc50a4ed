import type { Request, Response } from 'express';
import type { Connection } from '../../../domain/types.js';
import { AppError } from '../../../errors/index.js';
import { rememberPendingLogin } from '../pending_login_cookie.js';
import { beginLoginTransaction, type PendingAuthorization } from '../login_transaction.js';
import type { Store } from '../../../store/store.js';
import { clientErrorForUpstream } from '../../../upstream/map_upstream_error.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { startRoundTrip } from '../../../upstream/round_trip.js';

/** Building the authorize redirect touches only the store; this bounds a store that hangs. */
const START_DEADLINE_MS = 10_000;

/** What starting a login needs. */
export interface StartLoginDeps {
  readonly store: Pick<Store, 'ephemeral'>;
  readonly upstreams: Pick<UpstreamResolver, 'resolve'>;
}

/**
 * Sends the browser to the connection's upstream: a login transaction is stored (the client's
 * request, a fresh upstream state and PKCE verifier) and bound to this browser (pending_login_cookie.ts).
 */
export async function startUpstreamLogin(
  deps: StartLoginDeps,
  req: Request,
  res: Response,
  connection: Connection,
  pending: PendingAuthorization,
): Promise<void> {
  const { tenantUrl } = req.context;
  const upstream = deps.upstreams.resolve(connection, tenantUrl);
  const begin = async (verifier: string) => {
    const transaction = await beginLoginTransaction(deps.store.ephemeral, pending, verifier);
    rememberPendingLogin(req, res, transaction.upstreamState);
    return transaction.upstreamState;
  };
  const target = { upstream, connection, tenantUrl, deadlineMs: START_DEADLINE_MS };
  const outcome = await startRoundTrip(req, target, begin, pending.prompt);
  if (outcome.kind !== 'redirect') {
    // fitgate's own failures (its store down: temporarily_unavailable) keep their meaning; only an
    // upstream's is translated for the client.
    throw outcome.error instanceof AppError ? outcome.error : clientErrorForUpstream(outcome.error, upstream.wording);
  }
  // The binding cookie travels with this redirect, so the browser never reaches the upstream without it.
  res.redirect(302, outcome.url);
}
