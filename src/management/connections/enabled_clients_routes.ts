import type { Request } from 'express';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { updateConnection, withClientEnabled } from '../../domain/connection_updates.js';
import { checkpointPage, readCheckpointRequest } from '../checkpoint.js';
import { notFound, orWhenMissing, recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody } from '../validation.js';
import { requireClientsExist } from './require_clients_exist.js';
import { MAX_ENABLED_CLIENTS_TAKE, updateEnabledClientsBody } from './connection_schemas.js';

/**
 * The clients a connection is enabled for, as Auth0's GET / PATCH /connections/{id}/clients, with
 * Auth0's checkpoint paging (checkpoint.ts): clients in client_id order, `next` while more remain.
 */

async function list(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const checkpoint = readCheckpointRequest(req.query, MAX_ENABLED_CLIENTS_TAKE);
  const connection = await recordOr404(req, 'connection', (tenant, id) => deps.store.connections.get(tenant, id));
  const page = checkpointPage(connection.enabledClients, (clientId) => clientId, checkpoint);
  return { body: { clients: page.items.map((clientId) => ({ client_id: clientId })), ...(page.next !== undefined && { next: page.next }) } };
}

/** Applied to the connection as stored (updateConnection): a change made meanwhile is kept. */
async function update(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const changes = parseBody(updateEnabledClientsBody, req.body);
  const connection = await recordOr404(req, 'connection', (tenant, id) => deps.store.connections.get(tenant, id));
  // Named at its own place in the body (`3.client_id`): the body is a list of changes, not enabled_clients.
  const enabling = changes.flatMap((change, index) => (change.status ? [{ clientId: change.client_id, property: `${index}.client_id` }] : []));
  await requireClientsExist(deps.store, req.context.tenant.name, enabling);
  const now = new Date();
  await orWhenMissing(() => notFound('connection', connection.id), () =>
    updateConnection(deps.store.connections, connection.tenant, connection.id, (current) =>
      // Each by the dashboard's switch, in order, so the last entry for a client decides, as a caller
      // reading the list expects; a change that changes nothing writes nothing.
      changes.reduce((changed, change) => withClientEnabled(changed, change.client_id, change.status, now), current),
    ),
  );
  return {};
}

export const enabledClientsRoutes: ManagementRoute[] = [
  { method: 'get', path: '/connections/:id/clients', scopes: ['read:connections'], query: ['take', 'from'], handle: list },
  {
    method: 'patch',
    path: '/connections/:id/clients',
    scopes: ['update:connections'],
    audit: CONFIG_CHANGES.updateEnabledClients,
    body: 'list',
    handle: update,
  },
];
