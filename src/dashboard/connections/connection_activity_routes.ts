import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { NotFoundError } from '../../errors/index.js';
import { loginActivity } from '../activity/login_activity.js';
import { findSocialConnection } from './social_connection.js';
import { renderPage } from '../views.js';

/** A social connection's Activity tab: its logins and tokens over the last 24 hours and 30 days. */
export function connectionActivityRoutes(deps: Pick<AppDeps, 'store' | 'plugins'>): Router {
  const router = Router({ mergeParams: true });

  router.get('/:strategy/activity', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const strategy = String(req.params.strategy);
    const plugin = deps.plugins.get(strategy);
    const connection = plugin && (await findSocialConnection(deps.store, tenant, strategy));
    if (!plugin || !connection) throw new NotFoundError('This connection is not set up yet: save its settings first.');
    renderPage(res, 'connection_activity', {
      title: `${plugin.displayName}: activity`,
      section: 'social',
      tab: 'activity',
      plugin: { strategy: plugin.strategy, displayName: plugin.displayName, mark: plugin.mark },
      connection,
      activity: await loginActivity(deps.store.logs, tenant, { idPrefix: 'connection', connection: connection.name }),
    });
  });

  return router;
}
