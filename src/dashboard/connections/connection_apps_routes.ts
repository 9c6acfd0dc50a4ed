import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { everyClient } from '../../domain/every_client.js';
import type { Client, Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { whyNoUserSignsIn } from '../applications/why_no_user_signs_in.js';
import { checkboxField } from '../form_fields.js';
import { pageLinks, pageOf, pageSlice } from '../paging.js';
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
 * The tab pages as the users list does (paging.ts); a switch, and its confirmation page, lead back
 * to the page it was on.
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
  /** The tab's page `page` (the first without a query), with `changed` said beside its switch. */
  const tabPage = (req: Request, connection: Connection, page: number, changed?: Client) => {
    const query = new URLSearchParams({ ...(page > 0 && { page: String(page) }), ...(changed && { changed: changed.clientId }) }).toString();
    return `${tabOf(req, connection)}${query && `?${query}`}${changed ? `#app-${encodeURIComponent(changed.clientId)}` : ''}`;
  };
  /** A switch's own address (`suffix`: its confirmation page), remembering the tab's page to come back to. */
  const switchOf = (req: Request, connection: Connection, client: Client, page: number, suffix = '') =>
    `${tabOf(req, connection)}/${encodeURIComponent(client.clientId)}${suffix}${page > 0 ? `?page=${page}` : ''}`;

  // Every application, a page at a time: the tenant's applications are read whole and sorted (those
  // no user signs in to last), then paged here, so each one, however many the Management API made,
  // has its switch on some page.
  router.get('/:strategy/applications', async (req, res) => {
    const page = pageOf(req.query.page);
    const connection = await connectionOf(req, res);
    const plugin = deps.plugins.get(connection.strategy)!;
    const [clients, hasUsers] = await Promise.all([everyClient(deps.store.clients, connection.tenant), tenantHasUsers(deps.store, connection.tenant)]);
    // An application /authorize refuses (signsUsersIn) signs no user in, so the connection changes
    // nothing for it: listed last, apart, saying why (Auth0 lists every application too, so an
    // admin finds each one here, and one with Authorization Code unticked learns what stops it).
    const sorted = clients
      .map((client) => ({ client, noUserSignsInBecause: whyNoUserSignsIn(client) }))
      .sort((a, b) => Number(a.noUserSignsInBecause !== undefined) - Number(b.noUserSignsInBecause !== undefined));
    renderPage(res, 'connection_apps', {
      title: `${plugin.displayName}: applications`,
      section: 'social',
      tab: 'applications',
      plugin: { strategy: plugin.strategy, displayName: plugin.displayName, mark: plugin.mark },
      connection,
      applications: pageSlice(sorted, page).map(({ client, noUserSignsInBecause }) => ({
        clientId: client.clientId,
        name: client.name,
        enabled: connection.enabledClients.includes(client.clientId),
        noUserSignsInBecause,
        action: switchOf(req, connection, client, page),
        turnOffUrl: turningOffNeedsConfirmation(connection, client, hasUsers) ? switchOf(req, connection, client, page, '/turn-off') : undefined,
      })),
      changed: typeof req.query.changed === 'string' ? req.query.changed : undefined,
      paging: pageLinks(page, sorted.length, {}),
    });
  });

  router.post('/:strategy/applications/:clientId', async (req, res) => {
    const page = pageOf(req.query.page);
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    const outcome = await saveClientSwitch(deps.store, req, res, connection, client);
    const json = req.accepts(['html', 'json']) === 'json';
    const back = tabPage(req, connection, page, client);
    const confirmPage = switchOf(req, connection, client, page, '/turn-off');
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
    const page = pageOf(req.query.page);
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    renderTurnOffPage(res, turnOffPage(req, connection, client, page));
  });

  router.post('/:strategy/applications/:clientId/turn-off', async (req, res) => {
    const page = pageOf(req.query.page);
    const connection = await connectionOf(req, res);
    const client = await clientOf(req, connection);
    if (!checkboxField(req.body, 'confirm')) return renderTurnOffPage(res, { ...turnOffPage(req, connection, client, page), errors: TURN_OFF_UNCONFIRMED });
    await saveClientSwitch(deps.store, req, res, connection, client);
    res.redirect(303, tabPage(req, connection, page, client));
  });

  function turnOffPage(req: Request, connection: Connection, client: Client, page: number) {
    const plugin = deps.plugins.get(connection.strategy)!;
    return { section: 'social', connectionName: plugin.displayName, client, action: switchOf(req, connection, client, page, '/turn-off'), back: tabPage(req, connection, page) };
  }

  return router;
}
