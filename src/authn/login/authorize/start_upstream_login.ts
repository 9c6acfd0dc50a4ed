import type { Request, Response } from 'express';
import type { Connection } from '../../../domain/types.js';
import { AppError } from '../../../errors/index.js';
import { rememberPendingLogin } from '../pending_login_cookie.js';
import { beginLoginTransaction, type LoginTransaction, type PendingAuthorization } from '../login_transaction.js';
import type { Store } from '../../../store/store.js';
import { clientErrorForUpstream } from '../../../upstream/map_upstream_error.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { startRoundTrip } from '../../../upstream/round_trip.js';

/** What starting a login needs. */
export interface StartLoginDeps {
  readonly store: Pick<Store, 'ephemeral'>;
  readonly upstreams: Pick<UpstreamResolver, 'resolve' | 'strategyFor' | 'startDeadlineMs'>;
}

/**
 * Sends the browser to the connection's upstream: a login transaction is stored (the client's
 * request, a fresh upstream state and, when the upstream uses PKCE, its verifier) and bound to this
 * browser (pending_login_cookie.ts).
 */
export async function startUpstreamLogin(
  deps: StartLoginDeps,
  req: Request,
  res: Response,
  connection: Connection,
  pending: PendingAuthorization,
): Promise<void> {
  const { tenantUrl } = req.context;
  const { upstreams } = deps;
  const upstream = upstreams.resolve(connection, tenantUrl);
  const begin = (verifier: string | undefined): Promise<LoginTransaction> => beginLoginTransaction(deps.store.ephemeral, pending, verifier);
  const target = { upstreams, connection, tenantUrl, deadlineMs: upstreams.startDeadlineMs };
  const outcome = await startRoundTrip(req, target, begin, pending.prompt, pending.loginHint);
  if (outcome.kind !== 'redirect') {
    // fitgate's own failures (its store down: temporarily_unavailable) keep their meaning; only an
    // upstream's is translated for the client.
    throw outcome.error instanceof AppError ? outcome.error : clientErrorForUpstream(outcome.error, upstream.wording);
  }
  // The binding cookie travels with this redirect, so the browser never reaches the upstream without it.
  rememberPendingLogin(req, res, outcome.record.upstreamState);
  res.redirect(302, outcome.url);
}
