import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { callbackUrl, tenantUrl } from '../../domain/tenants.js';
import { loginActivity } from '../activity/login_activity.js';
import { upstreamNames } from '../connections/plugin_settings_view.js';
import { gettingStarted } from './getting_started.js';
import { renderPage } from '../views.js';

/**
 * /manage/t/:tenant: the getting-started checklist, the tenant's address, the callback URL to
 * register upstream, and the login activity of every connection.
 */
export function tenantOverviewRoutes(deps: Pick<AppDeps, 'store' | 'config' | 'plugins' | 'sandbox'>): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const tenant = res.locals.managedTenant!;
    const [applications, users, checklist, activity] = await Promise.all([
      deps.store.clients.list(tenant.name, { page: 0, perPage: 1 }),
      deps.store.users.count(tenant.name),
      gettingStarted(deps, tenant.name, res.locals.admin!),
      loginActivity(deps.store.logs, tenant.name, { idPrefix: 'overview' }),
    ]);
    renderPage(res, 'tenant', {
      title: tenant.name,
      section: 'overview',
      created: req.query.created === '1',
      url: tenantUrl(deps.config, tenant.name),
      callbackUrl: callbackUrl(deps.config, tenant.name),
      upstreams: upstreamNames(...deps.plugins.values()),
      domains: tenant.domains,
      applicationCount: applications.total,
      userCount: users,
      // Shown until every step is done.
      checklist: checklist.every((step) => step.done) ? undefined : checklist,
      activity,
    });
  });

  return router;
}
