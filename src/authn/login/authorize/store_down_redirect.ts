import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import type { OutageRead } from '../../../domain/ports.js';
import { issuerOf } from '../../../domain/tenants.js';
import { asStoreUnavailable } from '../../../store/store_unavailable.js';
import type { AuthorizeDeps } from './authorize_context.js';
import { checkClient } from './check_client.js';
import { checkRedirectUri } from './check_redirect_uri.js';
import { clientErrorParams } from './client_redirect.js';
import { errorResponseMode } from './error_response_mode.js';
import { newAuthorizeContext, runAuthorizeChecks } from './pipeline.js';
import { readAuthorizeParams } from './read_params.js';
import { sendClientResponse } from './send_client_response.js';

/**
 * The redirect carries only an error and the application's own state, to a URI the client
 * registered: the one use of a client's copy that neither authenticates nor authorises. In a
 * partition the copy may still list a URI removed meanwhile through another process (for at most
 * SERVE_STALE_WHILE_UNREACHABLE_MS); docs/storage.md says why that is accepted.
 */
const OUTAGE_COPY: OutageRead = { stale: 'allowed' };

/**
 * The last step of /authorize's route: a store that could not answer before the endpoint could
 * verify the request (the rate limit's count, the session) goes back to the application as
 * `error=temporarily_unavailable` with its `state` (RFC 6749 §4.1.2.1), for its SDK to tell the
 * user or retry, whenever the client and its redirect_uri can be verified without the store: the
 * client as the process last read it (../../../store/cache/record_cache.ts serves it through an
 * outage to reads that ask, as OUTAGE_COPY does). A client or redirect_uri that cannot be verified
 * gets the 503 page, as every error before that point does: redirecting to an unverified URI would
 * make fitgate an open redirector.
 * Failures after the verification are the endpoint's own to redirect (authorize_endpoint.ts).
 */
export function storeDownRedirect(deps: Pick<AppDeps, 'store' | 'plugins'>): ErrorRequestHandler {
  const { clients } = deps.store;
  const checkDeps: AuthorizeDeps = {
    clients: { get: (tenant, clientId) => clients.get(tenant, clientId, OUTAGE_COPY) },
    connections: deps.store.connections,
    strategies: new Set(deps.plugins.keys()),
  };
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const unavailable = asStoreUnavailable(error);
    if (!unavailable || res.headersSent) return next(error);
    void (async () => {
      const ctx = newAuthorizeContext(req.context.tenant, req.context.tenantUrl, readAuthorizeParams(req.query));
      await runAuthorizeChecks(ctx, checkDeps, [checkClient, checkRedirectUri]);
      const responseMode = errorResponseMode(ctx);
      if (!ctx.redirectUri || !responseMode) return next(error);
      res.err = error instanceof Error ? error : unavailable;
      sendClientResponse(res, { redirectUri: ctx.redirectUri, responseMode, issuer: issuerOf(ctx.tenantUrl) }, clientErrorParams(unavailable, ctx.params.state));
    })().catch(() => next(error));
  };
}
