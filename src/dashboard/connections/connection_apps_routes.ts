import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { updateConnection, withClientEnabled } from '../../domain/connection_updates.js';
import type { Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField } from '../form_fields.js';
import { findSocialConnection } from './social_connection.js';
import { renderPage } from '../views.js';

/**
 * A social connection's Applications tab: one switch per application. Each switch is its own small
 * form (so it works without JavaScript; with it, a change is saved at once, in the background, and
 * confirmed beside the switch) and each save rewrites enabledClients in the store, which /authorize
 * reads on every request.
 */
export function connectionAppsRoutes(deps: Pick<AppDeps, 'store' | 'plugins'>): Router {
  const router = Router({ mergeParams: true });

  async function connectionOf(req: Request, res: Response): Promise<Connection> {
    const strategy = String(req.params.strategy);
    const plugin = deps.plugins.get(strategy);
    const connection = plugin && (await findSocialConnection(deps.store, res.locals.managedTenant!.name, strategy));
    if (!plugin || !connection) throw new NotFoundError('This connection is not set up yet: save its settings first.');
    return connection;
  }

  router.get('/:strategy/applications', async (req, res) => {
    const connection = await connectionOf(req, res);
    const plugin = deps.plugins.get(connection.strategy)!;
    const { items } = await deps.store.clients.list(connection.tenant, { page: 0, perPage: 100 });
    renderPage(res, 'connection_apps', {
      title: `${plugin.displayName}: applications`,
      section: 'social',
      tab: 'applications',
      plugin: { strategy: plugin.strategy, displayName: plugin.displayName, mark: plugin.mark },
      connection,
      // Machine-to-machine applications sign no user in, so the connection changes nothing for them:
      // listed last, apart (Auth0 lists them too, so an admin finds each application here).
      applications: items
        .map((client) => ({
          clientId: client.clientId,
          name: client.name,
          enabled: connection.enabledClients.includes(client.clientId),
          signsUsersIn: client.appType !== 'non_interactive',
        }))
        .sort((a, b) => Number(b.signsUsersIn) - Number(a.signsUsersIn)),
      changed: typeof req.query.changed === 'string' ? req.query.changed : undefined,
    });
  });

  router.post('/:strategy/applications/:clientId', async (req, res) => {
    const connection = await connectionOf(req, res);
    const client = await deps.store.clients.get(connection.tenant, String(req.params.clientId));
    if (!client) throw new NotFoundError('This tenant has no such application.');
    const enable = checkboxField(req.body, 'enabled');
    // On the connection as stored, so a settings save or another switch meanwhile (any worker) is kept.
    await updateConnection(deps.store.connections, connection.tenant, connection.id, (current) => withClientEnabled(current, client.clientId, enable));
    await logConfigChange(deps.store, req, res, {
      ...configChange(CONFIG_CHANGES.updateEnabledClients, { id: connection.id }),
      details: { client_id: client.clientId, status: enable },
    });
    // The switch's script saves without leaving the page and shows this sentence; a plain form post
    // is redirected back to the tab, which shows the same sentence (Post/Redirect/Get).
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ enabled: enable, message: `${enable ? 'Enabled' : 'Disabled'} for ${client.name}.` });
      return;
    }
    const back = `${req.baseUrl}/${encodeURIComponent(connection.strategy)}/applications`;
    res.redirect(303, `${back}?changed=${encodeURIComponent(client.clientId)}#app-${encodeURIComponent(client.clientId)}`);
  });

  return router;
}
