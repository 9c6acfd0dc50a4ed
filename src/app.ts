import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AppDeps } from './app_deps.js';
import { createAuthnRouter } from './authn/router.js';
import { oversizeFormPage } from './dashboard/oversize_form_page.js';
import { createDashboardRouter } from './dashboard/router.js';
import { tryCallbackHandoff } from './dashboard/try/try_transaction.js';
import { answerErrorsAs } from './http/error_format.js';
import { errorHandler, notFound } from './http/error_handler.js';
import { createHealthRouter } from './http/health.js';
import { refuseMalformedQuery } from './http/malformed_query.js';
import { readinessOf } from './http/readiness.js';
import { projectRoot } from './http/project_root.js';
import { refuseUnreadBody, verifyFormBody, verifyJsonBody } from './http/request_errors.js';
import { requestMetrics } from './http/request_metrics.js';
import { resolveTenant } from './http/resolve_tenant.js';
import { tenantOrBackChannel } from './http/sandbox_tenant_check.js';
import { keepOpener, securityHeaders } from './http/security_headers.js';
import { strictTransportSecurity } from './http/strict_transport_security.js';
import { tenantHomePage } from './http/tenant_home_page.js';
import { views } from './http/views.js';
import { createHttpLogger } from './logging/index.js';
import { createManagementRouter } from './management/router.js';
import { createServices } from './services.js';
import { SANDBOX_PATH } from './upstream/sandbox_upstream.js';

/** Largest form or JSON body accepted: OAuth and Management requests are a few hundred bytes. */
export const BODY_LIMIT = '100kb';

/**
 * The fitgate HTTP application, built from its dependencies and nothing else (no I/O at import, no
 * listening: server.ts does that). Order matters and reads top to bottom:
 * request log → security headers → health (any host) → static files (any host) → sandbox emulators
 * (when the entry point built them: on a tenant's host, or for fitgate's own back channel) → tenant
 * from Host → Strict-Transport-Security (only for a host that names a tenant) → a malformed query
 * string refused (http/malformed_query.ts) → body parsing →
 * routers → the tenant's home page (/) → 404 → the one error handler.
 *
 * Bodies (form and JSON, 100 kB) are parsed here once for every router, so a malformed or oversized
 * body is one 400/413 answered in the route's error format (the one error handler's, or for a
 * dashboard form too large the dashboard's own page). Sessions are not app-wide: routers that
 * need one mount createSessionMiddleware (src/http/session.ts) on their own routes, so token,
 * userinfo and Management API calls never touch the session store.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  // Express's own setting; see FITGATE_TRUST_PROXY in the README. Off unless configured, so
  // X-Forwarded-* from the open internet cannot fake the client's address, host or scheme.
  app.set('trust proxy', deps.config.trustProxy ?? false);
  app.disable('x-powered-by');
  // Every answer is dynamic or no-store (OAuth JSON, redirects, pages with CSRF tokens): an ETag,
  // a hash of each body that nobody revalidates, cost 7-20 µs a response. Static files keep theirs.
  app.set('etag', false);

  if (deps.metrics) app.use(requestMetrics(app, deps.metrics.http));
  app.use(createHttpLogger(deps.logger));
  app.use(securityHeaders());
  app.use(createHealthRouter(deps.readiness ?? readinessOf(deps)));
  app.use('/static', express.static(join(projectRoot(), 'public'), { index: false, maxAge: '1h', fallthrough: true }));
  // The sandbox's emulators play upstreams' login pages, which leave a popup its opener, as
  // auth0-spa-js's loginWithPopup needs (see keepOpener). Its emulators answer only on a tenant's
  // host, checked first here unless the sandbox checks it itself (a worker's proxy).
  const findTenant = resolveTenant(deps.config, deps.store.tenants, deps.store.lostData?.bind(deps.store));
  if (deps.sandbox) {
    const tenantFirst = deps.sandbox.checksTenant ? [] : [tenantOrBackChannel(findTenant, deps.sandbox.backChannelUrl, deps.sandbox.allowCallback)];
    app.use(SANDBOX_PATH, (_req, res, next) => {
      keepOpener(res);
      next();
    }, ...tenantFirst, deps.sandbox.app);
  }

  app.use(findTenant);
  const hsts = strictTransportSecurity(deps.config);
  if (hsts) app.use(hsts);
  app.use('/api/v2', answerErrorsAs('management'));
  app.use(refuseMalformedQuery());
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, verify: verifyFormBody }));
  app.use(express.json({ limit: BODY_LIMIT, verify: verifyJsonBody }));
  app.use(refuseUnreadBody());
  // The dashboard's routers never see a body the parsers refused: its page for a form too large is here.
  app.use('/manage', oversizeFormPage());

  const services = createServices(deps);
  app.use('/api/v2', createManagementRouter(deps, services));
  app.use('/manage', createDashboardRouter(deps, services));
  app.use('/', createAuthnRouter(deps, services, [tryCallbackHandoff(deps.store.ephemeral)]));
  app.get('/', answerErrorsAs('html'), tenantHomePage());

  app.use(notFound());
  app.use(errorHandler(views(), deps.logger));
  return app;
}
