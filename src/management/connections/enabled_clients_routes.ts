import type { Request } from 'express';
import { BadRequestError } from '../../errors/index.js';
import { recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { requireClientsExist } from './require_clients_exist.js';
import { enabledClientsQuery, updateEnabledClientsBody } from './connection_schemas.js';

/**
 * The clients a connection is enabled for, as Auth0's GET / PATCH /connections/{id}/clients.
 * Checkpoint paging: clients come in client_id order and `next` encodes the first id of the next
 * page, so a list that changes between pages neither repeats nor skips a client that stayed.
 */

function encodeCursor(clientId: string): string {
  return Buffer.from(clientId, 'utf8').toString('base64url');
}

function decodeCursor(from: string): string {
  const clientId = Buffer.from(from, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9+/=_-]+$/.test(from) || clientId === '' || encodeCursor(clientId) !== from) {
    throw new BadRequestError("Query validation error: 'Must be a next value from a previous page' on property from.", 'invalid_query_string');
  }
  return clientId;
}

async function list(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const query = parseQuery(enabledClientsQuery, req.query);
  const connection = await recordOr404(req, 'connection', (tenant, id) => deps.store.connections.get(tenant, id));
  const start = query.from === undefined ? undefined : decodeCursor(query.from);
  const ordered = [...connection.enabledClients].sort();
  const remaining = start === undefined ? ordered : ordered.filter((clientId) => clientId >= start);
  const page = remaining.slice(0, query.take);
  const following = remaining[query.take];
  return { body: { clients: page.map((clientId) => ({ client_id: clientId })), ...(following !== undefined && { next: encodeCursor(following) }) } };
}

async function update(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const changes = parseBody(updateEnabledClientsBody, req.body);
  const connection = await recordOr404(req, 'connection', (tenant, id) => deps.store.connections.get(tenant, id));
  const enabling = changes.filter((change) => change.status).map((change) => change.client_id);
  await requireClientsExist(deps.store, req.context.tenant.name, enabling);
  const enabled = new Set(connection.enabledClients);
  // Applied in order, so the last entry for a client decides, as a caller reading the list expects.
  for (const change of changes) {
    if (change.status) enabled.add(change.client_id);
    else enabled.delete(change.client_id);
  }
  await deps.store.connections.update({ ...connection, enabledClients: [...enabled], updatedAt: new Date().toISOString() });
  return {};
}

export const enabledClientsRoutes: ManagementRoute[] = [
  { method: 'get', path: '/connections/:id/clients', scopes: ['read:connections'], handle: list },
  {
    method: 'patch',
    path: '/connections/:id/clients',
    scopes: ['update:connections'],
    audit: 'Update enabled clients for a connection',
    handle: update,
  },
];
