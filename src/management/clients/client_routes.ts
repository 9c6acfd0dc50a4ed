import type { Request } from 'express';
import { calledUrlReach } from '../../domain/called_url_reach.js';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { updateClient } from '../../domain/client_updates.js';
import { newClientAuthAndGrants, rotateClientSecret } from '../../domain/clients.js';
import { deleteApplication } from '../../domain/application_removal.js';
import { createApplication } from '../../domain/new_application.js';
import { newApplicationTokenSettings } from '../../domain/token_lifetimes.js';
import type { Client } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { BadRequestError } from '../../errors/index.js';
import { PAGE_PARAMS, pageOf, pageReply, readPagination } from '../pagination.js';
import { notFound, orWhenMissing, pathParam, recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody } from '../validation.js';
import { clientJson, clientJsonWithSecret } from './client_json.js';
import { createClientBody, updateClientBody } from './client_schemas.js';
import { applyClientUpdate } from './client_update.js';
import { assertGrantTypesAllowed } from './client_grant_types_check.js';
import { assertPublicClientRotates, settingsFrom } from './client_settings.js';
import { assertApplicationUrls, urlsChangedBy } from './client_url_check.js';
import { FIELD_PARAMS, readFieldSelection, selectFields } from '../fields.js';
import { allClients } from './all_clients.js';
import { CLIENT_FILTER_PARAMS, matchesClientFilter, readClientListFilter } from './client_list_filter.js';

/** Every top-level property clientJson may answer with: what `fields` may name. */
const CLIENT_FIELDS: readonly string[] = [
  'client_id', 'name', 'description', 'app_type', 'logo_uri', 'is_first_party', 'oidc_conformant', 'sso_disabled',
  'cross_origin_authentication', 'token_endpoint_auth_method', 'callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins',
  'initiate_login_uri', 'grant_types', 'client_metadata', 'jwt_configuration', 'refresh_token', 'oidc_logout', 'created_at', 'updated_at',
];

function existingClient(req: Request, store: Store) {
  return recordOr404(req, 'client', (tenant, id) => store.clients.get(tenant, id));
}

/** clientJson narrowed by the request's fields / include_fields. */
function clientJsonFor(req: Request): (client: Client) => Record<string, unknown> {
  const selection = readFieldSelection(req.query, CLIENT_FIELDS);
  return (client) => selectFields(clientJson(client), selection);
}

/** Unfiltered, a page read from the store; filtered, every client read and the matches paged here. */
async function list(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const toJson = clientJsonFor(req);
  const filter = readClientListFilter(req.query);
  const tenant = req.context.tenant.name;
  if (!filter) return pageReply('clients', await deps.store.clients.list(tenant, pagination), pagination, toJson);
  const matching = (await allClients(deps.store, tenant)).filter((client) => matchesClientFilter(client, filter));
  return pageReply('clients', pageOf(matching, pagination), pagination, toJson);
}

async function get(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const toJson = clientJsonFor(req);
  return { body: toJson(await existingClient(req, deps.store)) };
}

async function create(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(createClientBody, req.body);
  assertApplicationUrls({
    appType: body.app_type,
    callbacks: body.callbacks,
    allowedLogoutUrls: body.allowed_logout_urls,
    webOrigins: body.web_origins,
    allowedOrigins: body.allowed_origins,
  });
  // A partial refresh_token is merged over the new application's own policy, as a PATCH is over the
  // stored one; that policy rotates for a public client whatever its type (newApplicationTokenSettings).
  const settings = settingsFrom(body, newApplicationTokenSettings(body.app_type, body.token_endpoint_auth_method), calledUrlReach(deps.config, deps.internalBaseUrl()));
  // Checked as buildClient will store them, defaults filled in by the same function.
  const stored = newClientAuthAndGrants({ appType: body.app_type, tokenEndpointAuthMethod: body.token_endpoint_auth_method, grantTypes: body.grant_types });
  assertPublicClientRotates({ tokenEndpointAuthMethod: stored.tokenEndpointAuthMethod, ...settings });
  assertGrantTypesAllowed(stored);
  // Enabled on every connection of the tenant unless machine-to-machine (Auth0's enable_client_connections).
  const { client, clientSecret } = await createApplication(deps.store, {
    tenant: req.context.tenant.name,
    name: body.name,
    appType: body.app_type,
    ...(body.callbacks ? { callbacks: body.callbacks } : {}),
    ...(body.allowed_logout_urls ? { allowedLogoutUrls: body.allowed_logout_urls } : {}),
    ...(body.web_origins ? { webOrigins: body.web_origins } : {}),
    ...(body.allowed_origins ? { allowedOrigins: body.allowed_origins } : {}),
    ...(body.grant_types ? { grantTypes: body.grant_types } : {}),
    ...(body.token_endpoint_auth_method ? { tokenEndpointAuthMethod: body.token_endpoint_auth_method } : {}),
    settings,
  });
  return { status: 201, body: clientSecret ? clientJsonWithSecret(client, clientSecret) : clientJson(client) };
}

/**
 * The PATCH is applied to the client as stored (updateClient): a rotation or a grant change made
 * meanwhile, on this worker or another, is kept, and the PATCH is applied on top of it.
 */
async function update(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateClientBody, req.body);
  const now = new Date();
  const reach = calledUrlReach(deps.config, deps.internalBaseUrl());
  let clientSecret: string | undefined;
  const client = await changeOr404(req, (tenant, id) =>
    updateClient(deps.store.clients, tenant, id, (before) => {
      const updated = applyClientUpdate(before, body, now, reach);
      assertApplicationUrls(urlsChangedBy(body, before, updated.client));
      clientSecret = updated.clientSecret;
      return updated.client;
    }),
  );
  return { body: clientSecret ? clientJsonWithSecret(client, clientSecret) : clientJson(client) };
}

/** A change to the `:id` client of the caller's tenant; its 404 when the store has no such client. */
async function changeOr404<T>(req: Request, change: (tenant: string, id: string) => Promise<T>): Promise<T> {
  const id = pathParam(req, 'id');
  return orWhenMissing(() => notFound('client', id), () => change(req.context.tenant.name, id));
}

async function remove(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const client = await existingClient(req, deps.store);
  await deleteApplication(deps.store, req.context.tenant.name, client.clientId);
  return {};
}

async function rotateSecret(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const publicClient = () => new BadRequestError('The client uses token_endpoint_auth_method "none" and has no secret to rotate.', 'invalid_body');
  const { client, clientSecret } = await changeOr404(req, (tenant, id) => rotateClientSecret(deps.store.clients, tenant, id, publicClient));
  return { body: clientJsonWithSecret(client, clientSecret) };
}

export const clientRoutes: ManagementRoute[] = [
  { method: 'get', path: '/clients', scopes: ['read:clients'], query: [...PAGE_PARAMS, ...FIELD_PARAMS, ...CLIENT_FILTER_PARAMS], handle: list },
  { method: 'get', path: '/clients/:id', scopes: ['read:clients'], query: FIELD_PARAMS, handle: get },
  { method: 'post', path: '/clients', scopes: ['create:clients'], audit: CONFIG_CHANGES.createClient, handle: create },
  { method: 'patch', path: '/clients/:id', scopes: ['update:clients'], audit: CONFIG_CHANGES.updateClient, handle: update },
  { method: 'delete', path: '/clients/:id', scopes: ['delete:clients'], audit: CONFIG_CHANGES.deleteClient, handle: remove },
  {
    method: 'post',
    path: '/clients/:id/rotate-secret',
    scopes: ['update:clients'],
    audit: CONFIG_CHANGES.rotateClientSecret,
    handle: rotateSecret,
  },
];
