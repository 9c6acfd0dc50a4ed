import type { Request, Response } from 'express';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import { BadRequestError, ResourceNotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { SEARCH_RESULT_LIMIT } from '../../store/user_indexing.js';
import { callerOf } from '../caller.js';
import { FIELD_PARAMS, readFieldSelection, selectFields, selectsField } from '../fields.js';
import { PAGE_PARAMS, pageReply, readPagination } from '../pagination.js';
import { notFound, pathParam, recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { identityTokens } from './idp_tokens.js';
import { assertUpdateScope } from './metadata_scope.js';
import { assertUsersConnection } from './target_connection.js';
import { identityJson, userJson } from './user_json.js';
import { patchedUser } from './user_patch.js';
import { parseUserQuery } from './user_search_query.js';
import { checkUserSort } from './user_sort.js';
import { updateUserBody, userListQuery, usersByEmailQuery } from './user_schemas.js';

/** Every top-level property userJson may answer with: what `fields` may name. */
const USER_FIELDS: readonly string[] = [
  'user_id', 'email', 'email_verified', 'name', 'nickname', 'given_name', 'family_name', 'picture', 'app_metadata', 'user_metadata',
  'blocked', 'identities', 'created_at', 'updated_at', 'last_login', 'last_ip', 'logins_count',
];

function existingUser(req: Request, store: Store) {
  return recordOr404(req, 'user', (tenant, id) => store.users.get(tenant, id));
}

async function list(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const fields = readFieldSelection(req.query, USER_FIELDS);
  const { q, sort } = parseQuery(userListQuery, req.query);
  const parsed = q === undefined ? undefined : parseUserQuery(q);
  checkUserSort(sort, parsed !== undefined);
  const query = parsed?.kind === 'search' ? { search: parsed.search } : parsed ? { q: parsed.q } : {};
  const page = await deps.store.users.list(req.context.tenant.name, { ...pagination, ...query });
  return pageReply('users', page, pagination, (user) => selectFields(userJson(user), fields));
}

async function get(req: Request, res: Response, { deps, vault }: ManagementServices): Promise<ManagementReply> {
  const fields = readFieldSelection(req.query, USER_FIELDS);
  const user = await existingUser(req, deps.store);
  // Tokens live in identities: a read that leaves identities out neither shows nor needs them, so it
  // never reaches the upstream. SDKs ask for no scope, so their tokens carry read:user_idp_tokens
  // even when the caller wants a profile; an identity whose token cannot be had fails no read (idp_tokens.ts).
  const withTokens = callerOf(res).scopes.has('read:user_idp_tokens') && selectsField(fields, 'identities');
  if (!withTokens) return { body: selectFields(userJson(user), fields) };
  const tokens = await identityTokens(vault, user);
  // The vault may have refreshed (and stored) tokens or changed a status: answer with the stored user.
  const current = (await deps.store.users.get(user.tenant, user.userId)) ?? user;
  return { body: selectFields(userJson(current, tokens), fields) };
}

/** Auth0's exact, case-sensitive email lookup: found through the field index, then compared as given. */
async function byEmail(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const fields = readFieldSelection(req.query, USER_FIELDS);
  const { email } = parseQuery(usersByEmailQuery, req.query);
  const search = { any: [{ all: [{ field: 'email', match: 'exact', value: email } as const] }] };
  const page = await deps.store.users.list(req.context.tenant.name, { page: 0, perPage: SEARCH_RESULT_LIMIT, search });
  return { body: page.items.filter((user) => user.email === email).map((user) => selectFields(userJson(user), fields)) };
}

async function update(req: Request, res: Response, { deps, changeUser }: ManagementServices): Promise<ManagementReply> {
  assertUpdateScope(callerOf(res).scopes, req.body);
  const body = parseBody(updateUserBody, req.body);
  if (body.connection !== undefined) await assertUsersConnection(deps.store.connections, await existingUser(req, deps.store), body.connection);
  const userId = pathParam(req, 'id');
  // Applied to the user as stored when it is written, by the dashboard's Block / Unblock's rule
  // (domain/user_changes.ts): a block ends the user's sessions in the same write and tells the applications.
  const updated = await changeUser(req.context, userId, (user, now) => patchedUser(user, body, now)).catch((error: unknown) => {
    throw error instanceof NotFoundInStoreError ? notFound('user', userId) : error;
  });
  return { body: userJson(updated) };
}

/**
 * Auth0's "Delete sessions for user": 202, with no body. Every browser session of the user ends and
 * the applications that asked are told (domain/ended_sessions.ts); refresh tokens are kept, as at Auth0.
 */
async function removeSessions(req: Request, _res: Response, { endUserSessions }: ManagementServices): Promise<ManagementReply> {
  const userId = pathParam(req, 'id');
  await endUserSessions(req.context, userId).catch((error: unknown) => {
    throw error instanceof NotFoundInStoreError ? notFound('user', userId) : error;
  });
  return { status: 202 };
}

/**
 * 204 whether or not the user existed, as Auth0 answers (a delete leaves the user absent either way).
 * The lookup is within the tenant, so a user of another tenant is absent here and never touched.
 */
async function remove(req: Request, _res: Response, { removeUser }: ManagementServices): Promise<ManagementReply> {
  const revocations = await removeUser(req.context.tenant.name, pathParam(req, 'id'));
  // Only a deletion has upstream grants to report: an absent user's sapi event carries no upstream_revocation.
  return revocations ? { auditDetails: { upstream_revocation: revocations } } : {};
}

async function unlink(req: Request, _res: Response, { deps, unlinkIdentity }: ManagementServices): Promise<ManagementReply> {
  const user = await existingUser(req, deps.store);
  const provider = pathParam(req, 'provider');
  const upstreamUserId = pathParam(req, 'user_id');
  const identity = user.identities.find((candidate) => candidate.provider === provider && candidate.userId === upstreamUserId);
  if (!identity) throw new ResourceNotFoundError(`The user has no ${provider} identity ${upstreamUserId}.`, 'inexistent_identity');
  const { user: remaining, revocations } = await unlinkIdentity({
    tenant: user.tenant,
    userId: user.userId,
    connection: identity.connection,
    upstreamUserId,
  });
  // Auth0 answers with the identities that remain (a user's only identity remains, disconnected).
  return { body: remaining.identities.map((kept) => identityJson(kept)), auditDetails: { upstream_revocation: revocations } };
}

/**
 * Auth0 creates users through the API in database and passwordless connections only, and refuses any
 * other connection with this 400; every fitgate connection is a social (upstream) one, so every
 * create is refused, in Auth0's words plus how a fitgate user does come to exist.
 */
function create(): Promise<ManagementReply> {
  return Promise.reject(new BadRequestError(
    'Connection does not support user creation through the API. It must either be a database or passwordless connection. ' +
      "fitgate's connections are all social (upstream) ones: a user is created the first time they log in through one.",
    'operation_not_supported',
  ));
}

export const userRoutes: ManagementRoute[] = [
  // fitgate has no create:users (it creates no user through the API): any users scope hears why.
  { method: 'post', path: '/users', scopes: ['read:users', 'update:users', 'delete:users'], audit: CONFIG_CHANGES.createUser, handle: create },
  // Auth0's primary_order asks for a deterministic order, which fitgate's always is.
  { method: 'get', path: '/users', scopes: ['read:users'], query: [...PAGE_PARAMS, ...FIELD_PARAMS, 'q', 'search_engine', 'sort', 'primary_order'], handle: list },
  { method: 'get', path: '/users-by-email', scopes: ['read:users'], query: ['email', ...FIELD_PARAMS], handle: byEmail },
  // Auth0 lets either scope read a user; read:user_idp_tokens also adds the upstream tokens.
  { method: 'get', path: '/users/:id', scopes: ['read:users', 'read:user_idp_tokens'], query: FIELD_PARAMS, handle: get },
  // update:users_app_metadata covers a body of metadata only (metadata_scope.ts).
  { method: 'patch', path: '/users/:id', scopes: ['update:users', 'update:users_app_metadata'], audit: CONFIG_CHANGES.updateUser, handle: update },
  { method: 'delete', path: '/users/:id', scopes: ['delete:users'], audit: CONFIG_CHANGES.deleteUser, handle: remove },
  { method: 'delete', path: '/users/:id/sessions', scopes: ['delete:sessions'], audit: CONFIG_CHANGES.deleteUserSessions, handle: removeSessions },
  {
    method: 'delete',
    path: '/users/:id/identities/:provider/:user_id',
    scopes: ['update:users'],
    audit: CONFIG_CHANGES.unlinkIdentity,
    handle: unlink,
  },
];
