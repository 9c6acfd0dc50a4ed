import type { Request, Response } from 'express';
import { deleteUserAndRevoke, unlinkIdentityAndRevoke } from '../../domain/identity_removal.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import type { User } from '../../domain/types.js';
import { updateUser } from '../../domain/user_updates.js';
import { mergeMetadata } from '../../domain/user_metadata.js';
import { ResourceNotFoundError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';
import { SEARCH_RESULT_LIMIT } from '../../store/user_indexing.js';
import { callerOf } from '../caller.js';
import { readFieldSelection, selectFields } from '../fields.js';
import { pageReply, readPagination } from '../pagination.js';
import { notFound, pathParam, recordOr404 } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody, parseQuery } from '../validation.js';
import { identityTokens } from './idp_tokens.js';
import { identityJson, userJson } from './user_json.js';
import { parseUserQuery } from './user_search_query.js';
import { checkUserSort } from './user_sort.js';
import { updateUserBody, userListQuery, usersByEmailQuery, type UpdateUserBody } from './user_schemas.js';

function existingUser(req: Request, store: Store) {
  return recordOr404(req, 'user', (tenant, id) => store.users.get(tenant, id));
}

async function list(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const fields = readFieldSelection(req.query);
  const { q, sort } = parseQuery(userListQuery, req.query);
  const parsed = q === undefined ? undefined : parseUserQuery(q);
  checkUserSort(sort, parsed !== undefined);
  const query = parsed?.kind === 'search' ? { search: parsed.search } : parsed ? { q: parsed.q } : {};
  const page = await deps.store.users.list(req.context.tenant.name, { ...pagination, ...query });
  return pageReply('users', page, pagination, (user) => selectFields(userJson(user), fields));
}

async function get(req: Request, res: Response, { deps, vault }: ManagementServices): Promise<ManagementReply> {
  const fields = readFieldSelection(req.query);
  const user = await existingUser(req, deps.store);
  if (!callerOf(res).scopes.has('read:user_idp_tokens')) return { body: selectFields(userJson(user), fields) };
  const tokens = await identityTokens(vault, user);
  // The vault may have refreshed (and stored) tokens or changed a status: answer with the stored user.
  const current = (await deps.store.users.get(user.tenant, user.userId)) ?? user;
  return { body: selectFields(userJson(current, tokens), fields) };
}

/** Auth0's exact, case-sensitive email lookup: found through the field index, then compared as given. */
async function byEmail(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const fields = readFieldSelection(req.query);
  const { email } = parseQuery(usersByEmailQuery, req.query);
  const search = { any: [{ all: [{ field: 'email', match: 'exact', value: email } as const] }] };
  const page = await deps.store.users.list(req.context.tenant.name, { page: 0, perPage: SEARCH_RESULT_LIMIT, search });
  return { body: page.items.filter((user) => user.email === email).map((user) => selectFields(userJson(user), fields)) };
}

async function update(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateUserBody, req.body);
  const userId = pathParam(req, 'id');
  // Applied to the user as stored when it is written: a login landing meanwhile is kept, and kept from undoing this.
  const updated = await updateUser(deps.store.users, req.context.tenant.name, userId, (user) => patched(user, body)).catch((error: unknown) => {
    throw error instanceof NotFoundInStoreError ? notFound('user', userId) : error;
  });
  return { body: userJson(updated) };
}

/** The user with the PATCH's root attributes set and its metadata merged (Auth0's rules). */
function patched(user: User, body: UpdateUserBody): User {
  const updated: User = {
    ...user,
    ...(body.email !== undefined ? { email: body.email } : {}),
    ...(body.email_verified !== undefined ? { emailVerified: body.email_verified } : {}),
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.nickname !== undefined ? { nickname: body.nickname } : {}),
    ...(body.given_name !== undefined ? { givenName: body.given_name } : {}),
    ...(body.family_name !== undefined ? { familyName: body.family_name } : {}),
    ...(body.picture !== undefined ? { picture: body.picture } : {}),
    ...(body.blocked !== undefined ? { blocked: body.blocked } : {}),
    updatedAt: new Date().toISOString(),
  };
  if (body.app_metadata !== undefined) setMetadata(updated, 'appMetadata', mergeMetadata(user.appMetadata, body.app_metadata));
  if (body.user_metadata !== undefined) setMetadata(updated, 'userMetadata', mergeMetadata(user.userMetadata, body.user_metadata));
  return updated;
}

function setMetadata(user: User, key: 'appMetadata' | 'userMetadata', value: Record<string, unknown> | undefined): void {
  if (value === undefined) delete user[key];
  else user[key] = value;
}

/**
 * 204 whether or not the user existed, as Auth0 answers (a delete leaves the user absent either way).
 * The lookup is within the tenant, so a user of another tenant is absent here and never touched.
 */
async function remove(req: Request, _res: Response, { removal }: ManagementServices): Promise<ManagementReply> {
  const revocations = await deleteUserAndRevoke(removal, req.context.tenant.name, pathParam(req, 'id'));
  // Only a deletion has upstream grants to report: an absent user's sapi event carries no upstream_revocation.
  return revocations ? { auditDetails: { upstream_revocation: revocations } } : {};
}

async function unlink(req: Request, _res: Response, { deps, removal }: ManagementServices): Promise<ManagementReply> {
  const user = await existingUser(req, deps.store);
  const provider = pathParam(req, 'provider');
  const upstreamUserId = pathParam(req, 'user_id');
  const identity = user.identities.find((candidate) => candidate.provider === provider && candidate.userId === upstreamUserId);
  if (!identity) throw new ResourceNotFoundError(`The user has no ${provider} identity ${upstreamUserId}.`, 'inexistent_identity');
  const { user: remaining, revocations } = await unlinkIdentityAndRevoke(removal, {
    tenant: user.tenant,
    userId: user.userId,
    connection: identity.connection,
    upstreamUserId,
  });
  // Auth0 answers with the identities that remain (a user's only identity remains, disconnected).
  return { body: remaining.identities.map((kept) => identityJson(kept)), auditDetails: { upstream_revocation: revocations } };
}

export const userRoutes: ManagementRoute[] = [
  { method: 'get', path: '/users', scopes: ['read:users'], handle: list },
  { method: 'get', path: '/users-by-email', scopes: ['read:users'], handle: byEmail },
  // Auth0 lets either scope read a user; read:user_idp_tokens also adds the upstream tokens.
  { method: 'get', path: '/users/:id', scopes: ['read:users', 'read:user_idp_tokens'], handle: get },
  { method: 'patch', path: '/users/:id', scopes: ['update:users'], audit: 'Update a user', handle: update },
  { method: 'delete', path: '/users/:id', scopes: ['delete:users'], audit: 'Delete a user', handle: remove },
  {
    method: 'delete',
    path: '/users/:id/identities/:provider/:user_id',
    scopes: ['update:users'],
    audit: 'Unlink an identity',
    handle: unlink,
  },
];
