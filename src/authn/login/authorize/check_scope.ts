import { InvalidScopeError } from '../../../errors/index.js';
import { clientOf, SUPPORTED_SCOPES, type AuthorizeCheck } from './authorize_context.js';

/**
 * `openid` is required: fitgate is an OpenID Connect provider and every login yields an id_token.
 * A request that names no scope at all is read as `openid` (RFC 6749 §3.3 lets the server choose a
 * default), as Auth0 accepts one: passport-auth0's README calls authenticate() without a scope.
 * Unknown scopes are dropped rather than refused (the server may grant less), and offline_access
 * is granted only to clients allowed the refresh_token grant.
 */
export const checkScope: AuthorizeCheck = (ctx) => {
  const named = (ctx.params.scope ?? '').split(' ').filter(Boolean);
  const requested = new Set(named.length === 0 ? ['openid'] : named);
  if (!requested.has('openid')) throw new InvalidScopeError('The scope must include openid.');
  const refreshAllowed = clientOf(ctx).grantTypes.includes('refresh_token');
  ctx.scope = SUPPORTED_SCOPES.filter(
    (scope) => requested.has(scope) && (scope !== 'offline_access' || refreshAllowed),
  );
};
