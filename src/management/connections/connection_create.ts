import type { Request } from 'express';
import { connectionOptionsFrom } from '../../domain/connection_options.js';
import { createConnection as storeNewConnection } from '../../domain/connection_directory.js';
import { withConnectionDisplayName } from '../../domain/connection_display_name.js';
import { newConnection } from '../../domain/new_connection.js';
import { BadRequestError } from '../../errors/index.js';
import type { ManagementReply } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody } from '../validation.js';
import { connectionJson } from './connection_json.js';
import { createConnectionBody } from './connection_schemas.js';
import { optionsRefusal, sentConnectionSettings } from './connection_update.js';
import { inEnabledClients, requireClientsExist } from './require_clients_exist.js';

/**
 * POST /connections, for the strategies fitgate's plugins serve. The options are judged and stored by
 * the rule the dashboard's settings form saves a new connection by (domain/connection_options.ts, with
 * nothing stored before): trimmed credentials, the plugin's verdict, the secret sealed. Options left
 * out take the plugin's defaults, as they do on a PATCH. Answers 201 with the connection as GET shows
 * it, so without its client secret. One connection per strategy in a tenant, and a name taken is
 * Auth0's 409: both are domain/connection_directory.ts's refusals (a ConnectionConflictError, a 409
 * `connection_conflict`); the dashboard's first save keeps them too.
 */
export async function createConnection(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(createConnectionBody, req.body);
  const plugin = deps.plugins.get(body.strategy);
  if (!plugin) throw unservedStrategy(body.strategy, [...deps.plugins.keys()]);
  if (body.realms !== undefined && (body.realms.length !== 1 || body.realms[0] !== body.name)) {
    throw new BadRequestError(`Payload validation error: 'A fitgate connection has one realm, its name: ["${body.name}"]' on property realms.`);
  }
  const tenant = req.context.tenant.name;
  if (body.enabled_clients) await requireClientsExist(deps.store, tenant, inEnabledClients(body.enabled_clients));
  const result = connectionOptionsFrom(sentConnectionSettings(body.options ?? {}), undefined, (input) => plugin.parseSettings(input), deps.sealer);
  if (!result.ok) throw optionsRefusal(result.issues);

  const created = newConnection(tenant, plugin, result.options, new Date(), body.name);
  // Spaces only is no display name (domain/connection_display_name.ts): none is stored.
  const connection = body.display_name ? withConnectionDisplayName(created, body.display_name) : created;
  if (body.metadata !== undefined) connection.metadata = body.metadata;
  if (body.show_as_button !== undefined) connection.showAsButton = body.show_as_button;
  if (body.is_domain_connection !== undefined) connection.isDomainConnection = body.is_domain_connection;
  if (body.enabled_clients) connection.enabledClients = [...new Set(body.enabled_clients)];
  await storeNewConnection(deps.store.connections, connection);
  // The details the dashboard's first save of a connection logs too (config_change_log.ts).
  return { status: 201, body: connectionJson(connection), auditDetails: { connection_id: connection.id } };
}

/**
 * Auth0 knows many strategies (auth0, google-oauth2, samlp ...); fitgate creates only connections a
 * plugin serves, so the refusal names those rather than reading like a misspelt strategy.
 */
function unservedStrategy(strategy: string, served: readonly string[]): BadRequestError {
  return new BadRequestError(
    `Payload validation error: 'fitgate cannot create a connection of strategy ${JSON.stringify(strategy)}: it creates connections of its plugins' strategies only (${served.join(', ')})' on property strategy.`,
  );
}
