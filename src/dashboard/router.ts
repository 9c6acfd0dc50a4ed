import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { calledUrlReach } from '../domain/called_url_reach.js';
import { answerErrorsAs } from '../http/error_format.js';
import { createDashboardSessionMiddleware } from '../http/session.js';
import { accountRoutes } from './account/account_routes.js';
import { loadAdmin, requireAdmin, requireTenantAdmin } from './account/admin_access.js';
import { adminsRoutes } from './admins/admins_routes.js';
import { applicationsRoutes } from './applications/applications_routes.js';
import { connectionActivityRoutes } from './connections/connection_activity_routes.js';
import { connectionAppsRoutes } from './connections/connection_apps_routes.js';
import { refuseForgedPosts } from './csrf.js';
import { exposeCsrfToken } from './csrf_token.js';
import { dashboardRateLimit } from './dashboard_rate_limit.js';
import { logsRoutes } from './logs/logs_routes.js';
import { dashboardNotFound } from './not_found_page.js';
import { PasswordChangeLimiter } from './account/password_change_limiter.js';
import { setPasswordRoutes } from './admins/set_password_routes.js';
import { signInRoutes } from './account/sign_in_routes.js';
import { signingKeysRoutes } from './keys/signing_keys_routes.js';
import { SignInLimiter } from './account/sign_in_limiter.js';
import { socialRoutes } from './connections/social_routes.js';
import { tenantOverviewRoutes } from './overview/tenant_overview_routes.js';
import { tenantSettingsRoutes } from './tenants/tenant_settings_routes.js';
import { tenantsRoutes } from './tenants/tenants_routes.js';
import { tryRoutes } from './try/try_routes.js';
import { usersRoutes } from './users/users_routes.js';
import type { Services } from '../services.js';

/** What the dashboard uses of what the entry point built: the sandbox (whether a connection uses it), not the workers. */
export type DashboardDeps = Pick<AppDeps, 'config' | 'store' | 'sealer' | 'logger' | 'plugins' | 'metrics' | 'sandbox' | 'internalBaseUrl'>;

/**
 * The dashboard, mounted at /manage on every tenant host. The tenant an admin manages is in the path
 * (/manage/t/:tenant/...), not the host, so one sign-in covers every tenant the admin manages; each
 * of those routes first checks the admin manages that tenant.
 */
export function createDashboardRouter(deps: DashboardDeps, services: Pick<Services, 'upstreams' | 'removeUser' | 'endUserSessions' | 'changeUser'>): Router {
  const router = Router();
  // Pages for people, 429s of the limit included. The limit comes before the session, so a flood of
  // refused requests never reaches the session store; and a visitor without a session gets one
  // stored only by a page with a form (csrf_token.ts).
  router.use(answerErrorsAs('html'), ...dashboardRateLimit(deps), createDashboardSessionMiddleware(deps));
  router.use(exposeCsrfToken, refuseForgedPosts(deps.config), loadAdmin(deps.store));

  router.use(signInRoutes(deps, new SignInLimiter(deps.store)));
  router.use(setPasswordRoutes(deps));
  const tryFlow = tryRoutes(deps, services.upstreams);
  // The upstream comes back to the tenant's host, where the admin may have no session.
  router.use(tryFlow.callback);

  router.use(requireAdmin);
  router.use(tenantsRoutes(deps));
  router.use(accountRoutes(deps, new PasswordChangeLimiter(deps.store)));

  const tenant = Router({ mergeParams: true });
  tenant.use(requireTenantAdmin(deps.store));
  tenant.use('/', tenantOverviewRoutes(deps));
  tenant.use('/applications', applicationsRoutes(deps.store, deps.sealer, deps.config, () => calledUrlReach(deps.config, deps.internalBaseUrl())));
  // The settings form's Try saves the form, then begins a TRY of the connection saved.
  tenant.use('/social', connectionAppsRoutes(deps), connectionActivityRoutes(deps), tryFlow.start, socialRoutes(deps, tryFlow.begin));
  tenant.use('/users', usersRoutes(deps.store, services, deps.config));
  tenant.use('/logs', logsRoutes(deps.store));
  tenant.use('/admins', adminsRoutes(deps));
  tenant.use('/signing-keys', signingKeysRoutes(deps));
  tenant.use('/settings', tenantSettingsRoutes(deps));
  router.use('/t/:tenant', tenant);

  // Keep these last: they answer what no route above did.
  const notFound = dashboardNotFound();
  tenant.use(notFound.unknownPath);
  router.use(notFound.unknownPath, notFound.notFoundError);
  return router;
}
