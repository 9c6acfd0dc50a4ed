import { InvalidScopeError } from '../../../errors/index.js';
import { clientOf, SUPPORTED_SCOPES, type AuthorizeCheck } from './authorize_context.js';

/**
 * `openid` is required: fitgate is an OpenID Connect provider and every login yields an id_token.
 * Unknown scopes are dropped rather than refused (RFC 6749 §3.3 lets the server grant less), and
 * offline_access is granted only to clients allowed the refresh_token grant.
 */
export const checkScope: AuthorizeCheck = (ctx) => {
  const requested = new Set((ctx.params.scope ?? '').split(' ').filter(Boolean));
  if (!requested.has('openid')) throw new InvalidScopeError('The scope must include openid.');
  const refreshAllowed = clientOf(ctx).grantTypes.includes('refresh_token');
  ctx.scope = SUPPORTED_SCOPES.filter(
    (scope) => requested.has(scope) && (scope !== 'offline_access' || refreshAllowed),
  );
};
