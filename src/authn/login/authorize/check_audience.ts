import { checkAudience as checkServedAudience } from '../../tokens/audience_check.js';
import type { AuthorizeCheck } from './authorize_context.js';

/**
 * `audience` (authorizationParams.audience in auth0-react, auth0-spa-js and express-openid-connect)
 * may only name the tenant's /userinfo; any other API, the Management API included, is access_denied
 * "Service not found", as Auth0 answers for an API it does not have.
 */
export const checkAudience: AuthorizeCheck = (ctx) => {
  checkServedAudience(ctx.tenantUrl, 'user', ctx.params.audience);
};
