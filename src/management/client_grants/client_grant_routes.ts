import type { Request, Response } from 'express';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { managementApiAudience } from '../../domain/tenants.js';
import { clientGrantId, clientGrantRefusal, clientIdOfGrant, hasClientGrant, saveClientGrant } from '../../domain/client_grants.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError, ConflictError, ResourceNotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { allClients } from '../clients/all_clients.js';
import { listReply, readListPaging } from '../list_paging.js';
import { PAGE_PARAMS } from '../pagination.js';
import { orWhenMissing, pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { clientGrantJson } from './client_grant.js';
import { CLIENT_GRANT_FILTER_PARAMS, clientGrantListQuery, createClientGrantBody, updateClientGrantBody } from './client_grant_schemas.js';

const audienceOf = (req: Request) => managementApiAudience(req.context.tenantUrl);

/** The grants the filters ask for: at most one per client, since the tenant serves one API. */
async function grantsFor(req: Request, store: Store): Promise<Client[]> {
  const filter = parseQuery(clientGrantListQuery, req.query);
  if (filter.audience !== undefined && filter.audience !== audienceOf(req)) return [];
  const tenant = req.context.tenant.name;
  if (filter.client_id === undefined) return (await allClients(store, tenant)).filter(hasClientGrant);
  const client = await store.clients.get(tenant, filter.client_id);
  return client && hasClientGrant(client) ? [client] : [];
}

async function list(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const paging = readListPaging(req);
  const audience = audienceOf(req);
  return listReply('client_grants', await grantsFor(req, deps.store), paging, (client) => clientGrantId(client.clientId), (client) =>
    clientGrantJson(client, audience),
  );
}

/**
 * Each change is decided on the client as stored (saveClientGrant): a grant created or revoked
 * meanwhile, on this worker or another, is seen, and a rotation made meanwhile is kept.
 */
async function create(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(createClientGrantBody, req.body);
  if (body.audience !== audienceOf(req)) {
    throw new BadRequestError(`Payload validation error: 'No API with identifier ${body.audience}; this tenant serves ${audienceOf(req)}' on property audience.`);
  }
  const noClient = () => new BadRequestError(`Payload validation error: 'No client with id ${body.client_id}' on property client_id.`);
  const granted = await orWhenMissing(noClient, () =>
    saveClientGrant(deps.store.clients, req.context.tenant.name, body.client_id, body.scope, (client) => {
      const refusal = clientGrantRefusal(client);
      if (refusal) throw new BadRequestError(`Payload validation error: '${refusal}' on property client_id.`);
      if (hasClientGrant(client)) throw new ConflictError('A client grant for this client and audience already exists.', 'client_grant_conflict');
    }),
  );
  return { status: 201, body: clientGrantJson(granted, audienceOf(req)) };
}

async function update(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateClientGrantBody, req.body);
  const granted = await changeGrant(req, deps.store, body.scope);
  return { body: clientGrantJson(granted, audienceOf(req)) };
}

async function remove(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  await changeGrant(req, deps.store, undefined);
  return {};
}

/**
 * Replaces the scopes of the `:id` grant (undefined: deletes it); its 404 when there is no such grant
 * now. A public client's grant (one made public since, by PATCH /clients) may be deleted but not
 * changed: the rule POST applies (clientGrantRefusal), and the dashboard's Update permissions too.
 */
async function changeGrant(req: Request, store: Store, scopes: string[] | undefined): Promise<Client> {
  const id = pathParam(req, 'id');
  const clientId = clientIdOfGrant(id);
  const missing = () => new ResourceNotFoundError(`The client grant does not exist: ${id}`, 'inexistent_client_grant');
  if (clientId === undefined) throw missing();
  return orWhenMissing(missing, () =>
    saveClientGrant(store.clients, req.context.tenant.name, clientId, scopes, (client) => {
      if (!hasClientGrant(client)) throw missing();
      const refusal = scopes === undefined ? undefined : clientGrantRefusal(client);
      if (refusal) throw publicClientGrant(refusal, client.clientId);
    }),
  );
}

/** The 400 for a change to a public client's grant, with the two ways out. */
function publicClientGrant(refusal: string, clientId: string): BadRequestError {
  return new BadRequestError(
    `Payload validation error: '${refusal}: client ${clientId} has token_endpoint_auth_method none. ` +
      `Delete this grant, or give the client a secret first (PATCH /api/v2/clients/${clientId} with token_endpoint_auth_method client_secret_post)' on property scope.`,
  );
}

export const clientGrantRoutes: ManagementRoute[] = [
  { method: 'get', path: '/client-grants', scopes: ['read:client_grants'], query: [...PAGE_PARAMS, ...CLIENT_GRANT_FILTER_PARAMS], handle: list },
  { method: 'post', path: '/client-grants', scopes: ['create:client_grants'], audit: CONFIG_CHANGES.createClientGrant, handle: create },
  { method: 'patch', path: '/client-grants/:id', scopes: ['update:client_grants'], audit: CONFIG_CHANGES.updateClientGrant, handle: update },
  { method: 'delete', path: '/client-grants/:id', scopes: ['delete:client_grants'], audit: CONFIG_CHANGES.deleteClientGrant, handle: remove },
];
