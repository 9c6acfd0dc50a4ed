import { Router, type Request, type Response } from 'express';
import { connectionOfStrategyIn } from '../../domain/connection_directory.js';
import { connectionLabel } from '../../domain/connection_display_name.js';
import type { Client, Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { saveClientSwitch, tenantHasUsers, turningOffNeedsConfirmation } from '../connections/client_switch.js';
import { renderTurnOffPage, TURN_OFF_UNCONFIRMED } from '../connections/turn_off_page.js';
import { checkboxField } from '../form_fields.js';
import { whyNoUserSignsIn } from './why_no_user_signs_in.js';

/** One of the tenant's connections as the application's Connections section shows it. */
export interface ConnectionEntry {
  id: string;
  /** Its Auth0 display name when set, else its name, as Auth0's application page lists them (connectionLabel). */
  label: string;
  enabled: boolean;
  /** Turning it off asks first (client_switch.ts): the switch is then a link to that page. */
  asksToTurnOff: boolean;
  /** Where its settings are: the strategy's page, when this is the connection the dashboard shows there. */
  settingsStrategy?: string;
}

/**
 * The application's Connections section (Auth0's Connections tab of an application): each of the
 * tenant's connections, with a switch saved by the rule the connection's Applications tab uses
 * (client_switch.ts). For an application no user can sign in to (signsUsersIn, the rule /authorize
 * applies), only why: no connection applies to it, and the page says so instead of offering switches.
 */
export type ConnectionsSection = { entries: ConnectionEntry[]; changed?: string } | { noUserSignsInBecause: string };

export async function connectionsSection(store: Store, client: Client, changed: unknown): Promise<ConnectionsSection> {
  const noUserSignsInBecause = whyNoUserSignsIn(client);
  if (noUserSignsInBecause !== undefined) return { noUserSignsInBecause };
  const [connections, hasUsers] = await Promise.all([store.connections.list(client.tenant), tenantHasUsers(store, client.tenant)]);
  const entries = connections.map((connection) => ({
    id: connection.id,
    label: connectionLabel(connection),
    enabled: connection.enabledClients.includes(client.clientId),
    asksToTurnOff: turningOffNeedsConfirmation(connection, client, hasUsers),
    ...(shownForStrategy(connections, connection) && { settingsStrategy: connection.strategy }),
  }));
  return { entries, ...(typeof changed === 'string' && { changed }) };
}

/** Whether the dashboard's page of its strategy shows this connection (the tenant's connection of that strategy). */
function shownForStrategy(connections: readonly Connection[], connection: Connection): boolean {
  return connectionOfStrategyIn(connections, connection.strategy)?.id === connection.id;
}

/**
 * The section's switches: POST …/:clientId/connections/:connectionId (saved, or sent to the
 * confirmation page when turning off asks first) and …/turn-off, that page. Every answer to a form
 * post is a redirect to the application's page (Post/Redirect/Get); the switch's script gets JSON.
 */
export function applicationConnectionsRoutes(store: Store, findClient: (res: Response, clientId: string | undefined) => Promise<Client>): Router {
  const router = Router({ mergeParams: true });
  const pageOf = (req: Request, client: Client) => `${req.baseUrl}/${encodeURIComponent(client.clientId)}`;
  const switchOf = (req: Request, client: Client, connection: Connection) => `${pageOf(req, client)}/connections/${encodeURIComponent(connection.id)}`;
  const backTo = (req: Request, client: Client, connection: Connection) =>
    `${pageOf(req, client)}?connection_changed=${encodeURIComponent(connection.id)}#connection-${encodeURIComponent(connection.id)}`;

  async function target(req: Request, res: Response): Promise<{ client: Client; connection: Connection }> {
    const client = await findClient(res, String(req.params.clientId));
    const connection = await store.connections.get(client.tenant, String(req.params.connectionId));
    if (!connection) throw new NotFoundError('This tenant has no such connection.');
    return { client, connection };
  }

  const turnOffPage = (req: Request, client: Client, connection: Connection) => ({
    section: 'applications',
    connectionName: connectionLabel(connection),
    client,
    action: `${switchOf(req, client, connection)}/turn-off`,
    back: `${pageOf(req, client)}#connections`,
  });

  router.post('/:clientId/connections/:connectionId', async (req, res) => {
    const { client, connection } = await target(req, res);
    const outcome = await saveClientSwitch(store, req, res, connection, client);
    const json = req.accepts(['html', 'json']) === 'json';
    if (!outcome.saved) {
      // A page shown before the tenant's first user offered a plain switch: it stays on, and says why.
      if (json) return void res.json({ enabled: true, message: `Still enabled for ${client.name}: reload the page to turn it off with a confirmation.` });
      return res.redirect(303, `${switchOf(req, client, connection)}/turn-off`);
    }
    if (json) return void res.json({ enabled: outcome.enabled, message: `${outcome.enabled ? 'Enabled' : 'Disabled'} for ${client.name}.` });
    res.redirect(303, backTo(req, client, connection));
  });

  router.get('/:clientId/connections/:connectionId/turn-off', async (req, res) => {
    const { client, connection } = await target(req, res);
    renderTurnOffPage(res, turnOffPage(req, client, connection));
  });

  router.post('/:clientId/connections/:connectionId/turn-off', async (req, res) => {
    const { client, connection } = await target(req, res);
    if (!checkboxField(req.body, 'confirm')) return renderTurnOffPage(res, { ...turnOffPage(req, client, connection), errors: TURN_OFF_UNCONFIRMED });
    await saveClientSwitch(store, req, res, connection, client);
    res.redirect(303, backTo(req, client, connection));
  });

  return router;
}
