import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Client, Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { whyNoUserSignsIn } from '../applications/why_no_user_signs_in.js';
import { checkboxField } from '../form_fields.js';
import { saveClientSwitch, tenantHasUsers, turningOffNeedsConfirmation } from './client_switch.js';
import { findSocialConnection } from './social_connection.js';
import { renderTurnOffPage, TURN_OFF_UNCONFIRMED } from './turn_off_page.js';
import { renderPage } from '../views.js';

/**
 * A social connection's Applications tab: one switch per application. Each switch is its own small
 * form (so it works without JavaScript; with it, a change is saved at once, in the background, and
 * confirmed beside the switch) and each save rewrites enabledClients in the store, which /authorize
 * reads on every request. Turning it off for an application whose users it may stop asks first, on
 * a page of its own (client_switch.ts, the rule the application's Connections section follows too).
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

  async function clientOf(req: Request, connection: Connection): Promise<Client> {
    const client = await deps.store.clients.get(connection.tenant, String(req.params.clientId));
    if (!client) throw new NotFoundError('This tenant has no such application.');
    return client;
  }

  const tabOf = (req: Request, connection: Connection) => `${req.baseUrl}/${encodeURIComponent(connection.strategy)}/applications`;

  router.get('/:strategy/applications', async (req, res) => {
    const connection = await connectionOf(req, res);
    const plugin = deps.plugins.get(connection.strategy)!;
    const { items } = await deps.store.clients.list(connection.tenant, { page: 0, perPage: 100 });
    const tab = tabOf(req, connection);
    const hasUsers = await tenantHasUsers(deps.store, connection.tenant);
    renderPage(res, 'connection_apps', {
      title: `${plugin.displayName}: applications`,
      section: 'social',
      tab: 'applications',
      plugin: { strategy: plugin.strategy, displayName: plugin.displayName, mark: plugin.mark },
      connection,
      // An application /authorize refuses (signsUsersIn) signs no user in, so the connection changes
      // nothing for it: listed last, apart, saying why (Auth0 lists every application too, so an
      // admin finds each one here, and one with Authorization Code unticked learns what stops it).
      applications: items
        .map((client) => ({
          clientId: client.clientId,
          name: client.name,
          enabled: connection.enabledClients.includes(client.clientId),
          noUserSignsInBecause: whyNoUserSignsIn(client),
          action: `${tab}/${encodeURIComponent(client.clientId)}`,
          turnOffUrl: turningOffNeedsConfirmation(connection, client, hasUsers) ? `${tab}/${encodeURIComponent(client.clientId)}/turn-off` : undefined,
        }))
        .sort((a, b) => Number(a.noUserSignsInBecause !== undefined) - Number(b.noUserSignsInBecause !== undefined)),
      changed: typeof req.query.changed === 'string' ? req.query.changed : undefined,
    });
  });

  router.post('/:strategy/applications/:clientId', async (req, res) => {
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    const outcome = await saveClientSwitch(deps.store, req, res, connection, client);
    const json = req.accepts(['html', 'json']) === 'json';
    const back = `${tabOf(req, connection)}?changed=${encodeURIComponent(client.clientId)}#app-${encodeURIComponent(client.clientId)}`;
    const confirmPage = `${tabOf(req, connection)}/${encodeURIComponent(client.clientId)}/turn-off`;
    // The switch's script saves without leaving the page and shows this sentence; a plain form post
    // is redirected back to the tab, which shows the same sentence (Post/Redirect/Get).
    if (!outcome.saved) {
      // A page shown before the tenant's first user offered a plain switch: it stays on, and says why.
      if (json) return void res.json({ enabled: true, message: `Still enabled for ${client.name}: reload the page to turn it off with a confirmation.` });
      return res.redirect(303, confirmPage);
    }
    if (json) return void res.json({ enabled: outcome.enabled, message: `${outcome.enabled ? 'Enabled' : 'Disabled'} for ${client.name}.` });
    res.redirect(303, back);
  });

  router.get('/:strategy/applications/:clientId/turn-off', async (req, res) => {
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    renderTurnOffPage(res, turnOffPage(req, connection, client));
  });

  router.post('/:strategy/applications/:clientId/turn-off', async (req, res) => {
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    if (!checkboxField(req.body, 'confirm')) return renderTurnOffPage(res, { ...turnOffPage(req, connection, client), errors: TURN_OFF_UNCONFIRMED });
    await saveClientSwitch(deps.store, req, res, connection, client);
    res.redirect(303, `${tabOf(req, connection)}?changed=${encodeURIComponent(client.clientId)}#app-${encodeURIComponent(client.clientId)}`);
  });

  function turnOffPage(req: Request, connection: Connection, client: Client) {
    const plugin = deps.plugins.get(connection.strategy)!;
    const tab = tabOf(req, connection);
    return { section: 'social', connectionName: plugin.displayName, client, action: `${tab}/${encodeURIComponent(client.clientId)}/turn-off`, back: tab };
  }

  return router;
}
