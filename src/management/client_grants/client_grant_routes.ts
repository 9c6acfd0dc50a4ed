import type { Request, Response } from 'express';
import { managementApiAudience } from '../../authn/tokens/access_token.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError, ConflictError, ResourceNotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { pageReply, readPagination } from '../pagination.js';
import { pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { clientGrantJson, clientIdOfGrant, hasClientGrant } from './client_grant.js';
import { clientGrantListQuery, createClientGrantBody, updateClientGrantBody } from './client_grant_schemas.js';

const audienceOf = (req: Request) => managementApiAudience(req.context.tenantUrl);

async function existingGrant(req: Request, store: Store): Promise<Client> {
  const id = pathParam(req, 'id');
  const clientId = clientIdOfGrant(id);
  const client = clientId === undefined ? undefined : await store.clients.get(req.context.tenant.name, clientId);
  if (!client || !hasClientGrant(client)) throw new ResourceNotFoundError(`The client grant does not exist: ${id}`, 'inexistent_client_grant');
  return client;
}

async function withScopes(store: Store, client: Client, scopes: string[]): Promise<Client> {
  const updated = { ...client, managementScopes: scopes, updatedAt: new Date().toISOString() };
  await store.clients.update(updated);
  return updated;
}

/** Every client of the tenant, a store page at a time: tenants have tens of clients, not millions. */
async function allClients(store: Store, tenant: string): Promise<Client[]> {
  const clients: Client[] = [];
  for (let page = 0; ; page += 1) {
    const { items, total } = await store.clients.list(tenant, { page, perPage: 100 });
    clients.push(...items);
    if (items.length === 0 || clients.length >= total) return clients;
  }
}

async function list(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const filter = parseQuery(clientGrantListQuery, req.query);
  if (filter.audience !== undefined && filter.audience !== audienceOf(req)) {
    return pageReply('client_grants', { items: [], total: 0 }, pagination, (client: Client) => client);
  }
  const tenant = req.context.tenant.name;
  let granted: Client[];
  if (filter.client_id !== undefined) {
    const client = await deps.store.clients.get(tenant, filter.client_id);
    granted = client && hasClientGrant(client) ? [client] : [];
  } else {
    granted = (await allClients(deps.store, tenant)).filter(hasClientGrant);
  }
  const start = pagination.page * pagination.perPage;
  const page = { items: granted.slice(start, start + pagination.perPage), total: granted.length };
  return pageReply('client_grants', page, pagination, (client) => clientGrantJson(client, audienceOf(req)));
}

async function create(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(createClientGrantBody, req.body);
  if (body.audience !== audienceOf(req)) {
    throw new BadRequestError(`Payload validation error: 'No API with identifier ${body.audience}; this tenant serves ${audienceOf(req)}' on property audience.`);
  }
  const client = await deps.store.clients.get(req.context.tenant.name, body.client_id);
  if (!client) throw new BadRequestError(`Payload validation error: 'No client with id ${body.client_id}' on property client_id.`);
  if (client.tokenEndpointAuthMethod === 'none') {
    throw new BadRequestError("Payload validation error: 'A public client cannot use client_credentials' on property client_id.");
  }
  if (hasClientGrant(client)) throw new ConflictError('A client grant for this client and audience already exists.', 'client_grant_conflict');
  const granted = await withScopes(deps.store, client, body.scope);
  return { status: 201, body: clientGrantJson(granted, audienceOf(req)) };
}

async function update(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateClientGrantBody, req.body);
  const granted = await withScopes(deps.store, await existingGrant(req, deps.store), body.scope);
  return { body: clientGrantJson(granted, audienceOf(req)) };
}

async function remove(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  await withScopes(deps.store, await existingGrant(req, deps.store), []);
  return {};
}

export const clientGrantRoutes: ManagementRoute[] = [
  { method: 'get', path: '/client-grants', scopes: ['read:client_grants'], handle: list },
  { method: 'post', path: '/client-grants', scopes: ['create:client_grants'], audit: 'Create client grant', handle: create },
  { method: 'patch', path: '/client-grants/:id', scopes: ['update:client_grants'], audit: 'Update client grant', handle: update },
  { method: 'delete', path: '/client-grants/:id', scopes: ['delete:client_grants'], audit: 'Delete client grant', handle: remove },
];
