import type { Request } from 'express';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { withConnectionDisplayName } from '../../domain/connection_display_name.js';
import { changeConnectionOptions } from '../../domain/connection_option_changes.js';
import type { Connection } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { FIELD_PARAMS, readFieldSelection, selectFields } from '../fields.js';
import { listReply, readListPaging } from '../list_paging.js';
import { PAGE_PARAMS } from '../pagination.js';
import { notFound, orWhenMissing, pathParam, recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { createConnection } from './connection_create.js';
import { connectionJson } from './connection_json.js';
import { CONNECTION_FILTER_PARAMS, connectionListQuery, updateConnectionBody } from './connection_schemas.js';
import { optionsRefusal, sentConnectionSettings } from './connection_update.js';
import { inEnabledClients, requireClientsExist } from './require_clients_exist.js';

/** Every top-level property connectionJson may answer with: what `fields` may name. */
const CONNECTION_FIELDS: readonly string[] = [
  'id', 'name', 'display_name', 'strategy', 'options', 'enabled_clients', 'realms', 'is_domain_connection', 'show_as_button', 'metadata',
];

function existingConnection(req: Request, store: Store) {
  return recordOr404(req, 'connection', (tenant, id) => store.connections.get(tenant, id));
}

/** connectionJson narrowed by the request's fields / include_fields. */
function connectionJsonFor(req: Request): (connection: Connection) => Record<string, unknown> {
  const selection = readFieldSelection(req.query, CONNECTION_FIELDS);
  return (connection) => selectFields(connectionJson(connection), selection);
}

/** Connections are few and listed whole by the store, then filtered and paged here (either way: list_paging.ts). */
async function list(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const paging = readListPaging(req);
  const filter = parseQuery(connectionListQuery, req.query);
  const toJson = connectionJsonFor(req);
  const connections = (await deps.store.connections.list(req.context.tenant.name)).filter(
    (connection) =>
      (filter.name === undefined || connection.name === filter.name) &&
      (filter.strategy === undefined || filter.strategy.includes(connection.strategy)),
  );
  return listReply('connections', connections, paging, (connection) => connection.id, toJson);
}

async function get(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const toJson = connectionJsonFor(req);
  return { body: toJson(await existingConnection(req, deps.store)) };
}

/**
 * The PATCH is applied to the connection as stored (changeConnectionOptions): an application enabled
 * or a setting saved meanwhile, on this worker or another, is kept, and the PATCH is applied on top
 * of it, in one write; options refused write nothing, and the first problem is the 400.
 */
async function update(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateConnectionBody, req.body);
  const connection = await existingConnection(req, deps.store);
  const plugin = deps.plugins.get(connection.strategy);
  if (!plugin) throw new BadRequestError(`No plugin serves the ${connection.strategy} strategy, so its options cannot be changed.`);
  if (body.enabled_clients) await requireClientsExist(deps.store, req.context.tenant.name, inEnabledClients(body.enabled_clients));

  const sent = body.options && sentConnectionSettings(body.options);
  const outcome = await orWhenMissing(() => notFound('connection', connection.id), () =>
    changeConnectionOptions(deps.store.connections, connection, sent, { plugin, sealer: deps.sealer }, (current) => {
      const changed: Connection = body.display_name === undefined ? { ...current } : withConnectionDisplayName(current, body.display_name ?? undefined);
      if (body.metadata !== undefined) changed.metadata = body.metadata;
      if (body.show_as_button !== undefined) changed.showAsButton = body.show_as_button;
      if (body.is_domain_connection !== undefined) changed.isDomainConnection = body.is_domain_connection;
      if (body.enabled_clients) changed.enabledClients = [...new Set(body.enabled_clients)];
      return changed;
    }),
  );
  if (!outcome.saved) throw optionsRefusal(outcome.issues);
  return { body: connectionJson(outcome.connection) };
}

/**
 * Deletes the connection and the users that came through it (domain/connection_removal.ts). 202,
 * Auth0's answer ("The connection is being deleted."), although here the deletion is done when the
 * answer is sent; 404 for a connection this tenant does not have.
 */
async function remove(req: Request, _res: unknown, { deleteConnection }: ManagementServices): Promise<ManagementReply> {
  const id = pathParam(req, 'id');
  const removed = await orWhenMissing(() => notFound('connection', id), () => deleteConnection(req.context.tenant.name, id));
  if (!removed) throw notFound('connection', id);
  const revocations = Object.values(removed.revocations);
  return {
    status: 202,
    auditDetails: {
      deleted_users: removed.deletedUsers,
      unlinked_identities: removed.unlinkedIdentities,
      // Counted, not listed: a connection may take many users with it.
      upstream_revocation: Object.fromEntries(['revoked', 'nothing_to_revoke', 'failed'].map((outcome) => [outcome, revocations.filter((seen) => seen === outcome).length])),
    },
  };
}

export const connectionRoutes: ManagementRoute[] = [
  {
    method: 'get',
    path: '/connections',
    scopes: ['read:connections'],
    query: [...PAGE_PARAMS, ...FIELD_PARAMS, ...CONNECTION_FILTER_PARAMS],
    handle: list,
  },
  { method: 'post', path: '/connections', scopes: ['create:connections'], audit: CONFIG_CHANGES.createConnection, handle: createConnection },
  { method: 'get', path: '/connections/:id', scopes: ['read:connections'], query: FIELD_PARAMS, handle: get },
  { method: 'patch', path: '/connections/:id', scopes: ['update:connections'], audit: CONFIG_CHANGES.updateConnection, handle: update },
  { method: 'delete', path: '/connections/:id', scopes: ['delete:connections'], audit: CONFIG_CHANGES.deleteConnection, handle: remove },
];
