import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { createSessionMiddleware } from '../http/session.js';
import { loadAdmin, requireAdmin, requireTenantAdmin } from './admin_access.js';
import { adminsRoutes } from './admins_routes.js';
import { applicationsRoutes } from './applications_routes.js';
import { exposeCsrfToken, refuseForgedPosts } from './csrf.js';
import { setPasswordRoutes } from './set_password_routes.js';
import { signInRoutes } from './sign_in_routes.js';
import { SignInLimiter } from './sign_in_limiter.js';
import { tenantOverviewRoutes } from './tenant_overview_routes.js';
import { tenantsRoutes } from './tenants_routes.js';

/**
 * The dashboard, mounted at /manage on every tenant host. The tenant an admin manages is in the path
 * (/manage/t/:tenant/...), not the host, so one sign-in covers every tenant the admin manages; each
 * of those routes first checks the admin manages that tenant.
 */
export function createDashboardRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(createSessionMiddleware(deps));
  router.use(exposeCsrfToken, refuseForgedPosts, loadAdmin(deps.store));

  router.use(signInRoutes(deps.store, new SignInLimiter(deps.store)));
  router.use(setPasswordRoutes(deps.store));

  router.use(requireAdmin);
  router.use(tenantsRoutes(deps));

  const tenant = Router({ mergeParams: true });
  tenant.use(requireTenantAdmin(deps.store));
  tenant.use('/', tenantOverviewRoutes(deps));
  tenant.use('/applications', applicationsRoutes(deps.store));
  tenant.use('/admins', adminsRoutes(deps.store));
  router.use('/t/:tenant', tenant);
  return router;
}
