import type { Request } from 'express';
import { connectionOptionsFrom } from '../../domain/connection_options.js';
import { newConnection } from '../../domain/new_connection.js';
import { AlreadyExistsError } from '../../domain/ports.js';
import { BadRequestError, ConflictError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
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
 * it, so without its client secret.
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
  await refuseSecondOfStrategy(deps.store, tenant, plugin.strategy, body.name);

  const connection = newConnection(tenant, plugin, result.options, new Date(), body.name);
  if (body.display_name !== undefined) connection.displayName = body.display_name;
  if (body.metadata !== undefined) connection.metadata = body.metadata;
  if (body.show_as_button !== undefined) connection.showAsButton = body.show_as_button;
  if (body.is_domain_connection !== undefined) connection.isDomainConnection = body.is_domain_connection;
  if (body.enabled_clients) connection.enabledClients = [...new Set(body.enabled_clients)];
  try {
    await deps.store.connections.create(connection);
  } catch (error) {
    // Auth0's answer to a name taken in the tenant (the `con_` id is fresh, so only the name can be).
    if (error instanceof AlreadyExistsError) throw new ConflictError('A connection with the same name already exists', 'connection_conflict');
    throw error;
  }
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

/**
 * One connection per strategy in a tenant, as the dashboard keeps it: a user's id is
 * `<strategy>|<upstream id>` (domain/users.ts), so one upstream account signing in through two
 * connections of one strategy would meet its own user under the other connection, and fail. Two
 * creations racing each other may both pass this check; the second connection's logins of people
 * the first already holds then fail, and deleting it is the remedy.
 */
async function refuseSecondOfStrategy(store: Pick<Store, 'connections'>, tenant: string, strategy: string, name: string): Promise<void> {
  const existing = (await store.connections.list(tenant)).find((connection) => connection.strategy === strategy);
  // The same name is Auth0's own conflict, answered in its words when the store refuses it. Compared
  // exactly, as both stores key a name (case-sensitive): `Fitbit` beside `fitbit` is a second connection.
  if (existing && existing.name !== name) {
    throw new ConflictError(
      `The tenant already has a ${strategy} connection ("${existing.name}", ${existing.id}): fitgate keeps one connection per strategy in a tenant. Change that one with PATCH, or delete it first.`,
      'connection_conflict',
    );
  }
}
