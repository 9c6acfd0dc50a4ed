import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { callbackUrl, tenantUrl } from '../domain/tenants.js';
import { renderPage } from './views.js';

/** /manage/t/:tenant: the tenant's address and the callback URL to register upstream. */
export function tenantOverviewRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const tenant = res.locals.managedTenant!;
    const [applications, users] = await Promise.all([
      deps.store.clients.list(tenant.name, { page: 0, perPage: 1 }),
      deps.store.users.count(tenant.name),
    ]);
    renderPage(res, 'tenant', {
      title: tenant.name,
      section: 'overview',
      created: req.query.created === '1',
      url: tenantUrl(deps.config, tenant.name),
      callbackUrl: callbackUrl(deps.config, tenant.name),
      domains: tenant.domains,
      applicationCount: applications.total,
      userCount: users,
    });
  });

  return router;
}
