import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { asStoreUnavailable } from '../../../store/store_unavailable.js';
import { isUpstreamState } from '../../../upstream/round_trip_records.js';
import { clientErrorParams } from '../authorize/client_redirect.js';
import { sendClientResponse } from '../authorize/send_client_response.js';
import { readLoginTransaction } from '../login_transaction.js';
import { startedInThisBrowser } from '../pending_login_cookie.js';
import { clientStillAccepts } from './client_still_accepts.js';
import { clientDestinationOf } from './issue_authorization_response.js';

/**
 * The last step of /login/callback's route: a store that failed before the login was taken (the
 * rate limit's count, a write the store refused, while it still answers reads: a full Redis, the
 * embedded short-lived file locked) goes back to the application as `error=temporarily_unavailable`
 * with its `state`, in the response mode the login asked for, as /authorize's storeDownRedirect
 * does. Only when the login can be read and is still this browser's, at this tenant, for a client
 * that still accepts its redirect_uri; otherwise the 503 page, as before. The login is read, not
 * taken, and the browser keeps its state: the same callback URL finishes it once the store is back.
 * A login taken already is not found here, so a failure after the take keeps its own answer.
 */
export function storeDownCallbackRedirect(deps: Pick<AppDeps, 'store'>): ErrorRequestHandler {
  const { ephemeral, clients } = deps.store;
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const unavailable = asStoreUnavailable(error);
    const state = req.query.state;
    if (!unavailable || res.headersSent || !isUpstreamState(state) || !startedInThisBrowser(req, state)) return next(error);
    void (async () => {
      const login = await readLoginTransaction(ephemeral, state);
      if (login?.tenant !== req.context.tenant.name) return next(error);
      if (!clientStillAccepts(await clients.get(login.tenant, login.clientId), login)) return next(error);
      res.err = error instanceof Error ? error : unavailable;
      sendClientResponse(res, clientDestinationOf(login, req.context.tenantUrl), clientErrorParams(unavailable, login.state));
    })().catch(() => next(error));
  };
}
