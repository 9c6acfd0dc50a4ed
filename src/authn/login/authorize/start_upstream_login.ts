import type { Request, Response } from 'express';
import type { Config } from '../../../config/index.js';
import { roundTripTenantUrl } from '../../../domain/tenants.js';
import type { Connection } from '../../../domain/types.js';
import { rememberPendingLogin } from '../pending_login_cookie.js';
import { beginLoginTransaction, type LoginTransaction, type PendingAuthorization } from '../login_transaction.js';
import type { Store } from '../../../store/store.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { loginFailureOf } from '../../../upstream/login_failure.js';
import { startRoundTrip } from '../../../upstream/round_trip.js';

/** What starting a login needs. */
export interface StartLoginDeps {
  readonly store: Pick<Store, 'ephemeral'>;
  readonly upstreams: Pick<UpstreamResolver, 'strategyFor'>;
  readonly config: Pick<Config, 'publicUrl' | 'baseHost'>;
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
  const target = { upstreams: deps.upstreams, connection, tenantUrl: roundTripTenantUrl(deps.config, connection.tenant, req.context) };
  // Not called here: only the strategy learns the PKCE verifier, so it stores the transaction itself,
  // through startRoundTrip's wrapper of `begin` (round_trip.ts), before it answers with the redirect.
  const begin = (verifier: string | undefined): Promise<LoginTransaction> => beginLoginTransaction(deps.store.ephemeral, pending, verifier);
  const outcome = await startRoundTrip(req, target, begin, { prompt: pending.prompt, loginHint: pending.loginHint });
  if (outcome.kind !== 'redirect') {
    // fitgate's own failures (its store down or hanging, wrapped or still the driver's: a 503) keep
    // their meaning; only an upstream's is worded for the client; anything else (a secret the
    // resolver cannot open) is fitgate's server_error, heard at the client's redirect_uri as at the callback.
    throw loginFailureOf(outcome.error, outcome.upstream?.wording).error;
  }
  // The binding cookie travels with this redirect, so the browser never reaches the upstream without it.
  rememberPendingLogin(req, res, outcome.record.upstreamState);
  res.redirect(302, outcome.url);
}
