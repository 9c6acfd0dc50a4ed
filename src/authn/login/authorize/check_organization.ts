import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

/**
 * fitgate has no Auth0 Organizations, so `organization` and `invitation` are refused rather than
 * ignored: auth0-spa-js, given an organization, demands the id_token's org_id claim and would fail
 * after a login that looked successful, with no hint of the cause.
 */
export const checkOrganization: AuthorizeCheck = (ctx) => {
  if (ctx.params.organization !== undefined || ctx.params.invitation !== undefined) {
    throw new InvalidRequestError('organizations are not supported');
  }
};
