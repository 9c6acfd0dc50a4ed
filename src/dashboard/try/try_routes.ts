import type { Request, Response, Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Connection } from '../../domain/types.js';
import type { UpstreamResolver } from '../../upstream/resolve_upstream.js';
import { tryCallbackRoutes } from './try_callback_routes.js';
import { startTry } from './try_start.js';
import { tryStartRoutes } from './try_start_routes.js';

/**
 * TRY: the admin's test login through a connection, exactly as a user's would run (the connection's
 * strategy, the real upstream or the sandbox, the tenant's registered callback URL) but ending on a
 * report instead of a session: no user is created and no token is stored. It ignores which
 * applications the connection is enabled for.
 *
 *   POST /manage/t/:tenant/social/:strategy/try            (admin, CSRF) → a page moving on upstream
 *   GET <tenant URL>/login/callback?code&state             /login/callback sees a TRY state and redirects
 *   GET <tenant URL>/manage/try/callback?code&state        exchanges the code, saves the report
 *   GET /manage/t/:tenant/social/:strategy/try/result/:id  (the admin who began it) "It works!"
 */
export function tryRoutes(deps: Pick<AppDeps, 'store' | 'config' | 'plugins' | 'logger' | 'sealer'>, upstreams: Pick<UpstreamResolver, 'strategyFor'>): TryFlow {
  return {
    start: tryStartRoutes(deps, upstreams),
    callback: tryCallbackRoutes(deps, upstreams),
    begin: (req, res, connection) => startTry(deps, upstreams, req, res, connection),
  };
}

/** TRY's routers, and how another route (the settings form's Try) begins a TRY of a connection it holds. */
export interface TryFlow {
  readonly start: Router;
  readonly callback: Router;
  readonly begin: (req: Request, res: Response, connection: Connection) => Promise<void>;
}
