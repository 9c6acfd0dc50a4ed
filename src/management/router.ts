import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { authenticate } from './authenticate.js';
import { managementRateLimit } from './management_rate_limit.js';
import { refuseUnknownQuery } from './refuse_unknown_query.js';
import { requireScope } from './require_scope.js';
import { MANAGEMENT_ROUTES } from './routes.js';
import { runRoute } from './run_route.js';
import { managementServices } from './services.js';
import { unsupportedEndpoint } from './unsupported_endpoint.js';
import type { Services } from '../services.js';

/**
 * The Management API, mounted at /api/v2 on each tenant's host. Every request is authenticated
 * first (a Bearer token this tenant issued for its own API), so an unknown path answers 401 to a
 * stranger rather than revealing which resources exist; then the caller's rate limit is spent, and
 * each route checks its own scopes and that it understands every query parameter. What no route
 * takes is a 404 saying fitgate does not support it (unsupported_endpoint.ts).
 * Bodies are parsed and errors answered in Auth0's shape {statusCode, error, message, errorCode}
 * by the app (src/app.ts) for everything under /api/v2.
 */
export function createManagementRouter(deps: AppDeps, shared: Services): Router {
  const services = managementServices(deps, shared);
  const router = Router();
  router.use((_req, res, next) => {
    // Answers carry users' upstream tokens and clients' secrets: never cache them anywhere.
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(authenticate(deps), ...managementRateLimit(deps));
  for (const route of MANAGEMENT_ROUTES) {
    router[route.method](route.path, requireScope(route), refuseUnknownQuery(route.query ?? []), runRoute(route, services));
  }
  router.use(unsupportedEndpoint());
  return router;
}
