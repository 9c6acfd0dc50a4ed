import type { Request, Response } from 'express';
import { userinfoAudience } from '../../authn/tokens/access_token.js';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import { revokeUserGrant } from '../../domain/user_grant_revocation.js';
import { userIdOfGrant, withoutGrants } from '../../domain/user_grants.js';
import { updateUser } from '../../domain/user_updates.js';
import { BadRequestError, ResourceNotFoundError } from '../../errors/index.js';
import { PAGE_PARAMS, pageOf, pageReply, readPagination } from '../pagination.js';
import { pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseQuery } from '../validation.js';
import { userGrantJson } from './grant_json.js';
import { GRANT_FILTER_PARAMS, grantDeleteQuery, grantListQuery, userGrantsDeleteQuery } from './grant_schemas.js';

/**
 * Auth0's user grants (/api/v2/grants): what each person allowed a third-party application on the
 * consent page, kept on the user record (User.grants, domain/user_grants.ts). Deleting one makes that
 * application ask again at the user's next login, and refuses the codes and refresh tokens issued
 * under it (consentStands), as Auth0 revokes the tokens issued in a grant's context.
 *
 * The grants live on user records and nothing indexes them by client, so a list names its user:
 * without user_id it would read every user of the tenant. That is a 400 saying so, not a scan.
 */

const audienceOf = (req: Request) => userinfoAudience(req.context.tenantUrl);

const NEEDS_USER =
  "Query validation error: 'fitgate lists the grants of one user at a time: send user_id (client_id and audience narrow the list)' on property user_id.";

async function list(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const filter = parseQuery(grantListQuery, req.query);
  if (filter.user_id === undefined) throw new BadRequestError(NEEDS_USER, 'invalid_query_string');
  const audience = audienceOf(req);
  const user = filter.audience === undefined || filter.audience === audience ? await deps.store.users.get(req.context.tenant.name, filter.user_id) : undefined;
  const grants = user
    ? (user.grants ?? []).filter((grant) => filter.client_id === undefined || grant.clientId === filter.client_id).map((grant) => userGrantJson(user, grant, audience))
    : [];
  return pageReply('grants', pageOf(grants, pagination), pagination, (grant) => grant);
}

/** DELETE /grants/{id}: the grant's 404 when the tenant holds no such grant now (another tenant's is none of its). */
async function remove(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const id = pathParam(req, 'id');
  const { user_id: claimed } = parseQuery(grantDeleteQuery, req.query);
  const missing = () => new ResourceNotFoundError(`The grant does not exist: ${id}`, 'inexistent_grant');
  const owner = userIdOfGrant(id);
  if (owner === undefined || (claimed !== undefined && claimed !== owner)) throw missing();
  // The dashboard's Revoke does the same, through the same function.
  if (!(await revokeUserGrant(deps.store.users, req.context.tenant.name, id))) throw missing();
  return { auditDetails: { user_id: owner } };
}

/** DELETE /grants?user_id=: every grant of the user; none to delete (or no such user) is done too. */
async function removeAllOfUser(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const { user_id: userId } = parseQuery(userGrantsDeleteQuery, req.query);
  try {
    await updateUser(deps.store.users, req.context.tenant.name, userId, (user) => withoutGrants(user, () => true));
  } catch (error) {
    if (!(error instanceof NotFoundInStoreError)) throw error;
  }
  return { auditDetails: { user_id: userId } };
}

export const grantRoutes: ManagementRoute[] = [
  { method: 'get', path: '/grants', scopes: ['read:grants'], query: [...PAGE_PARAMS, ...GRANT_FILTER_PARAMS], handle: list },
  { method: 'delete', path: '/grants', scopes: ['delete:grants'], query: ['user_id'], audit: CONFIG_CHANGES.deleteUserGrants, handle: removeAllOfUser },
  { method: 'delete', path: '/grants/:id', scopes: ['delete:grants'], query: ['user_id'], audit: CONFIG_CHANGES.deleteGrant, handle: remove },
];
