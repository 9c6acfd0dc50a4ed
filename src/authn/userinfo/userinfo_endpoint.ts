import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { issuerOf, tenantUrlsServed } from '../../domain/tenants.js';
import { USER_BLOCKED } from '../../domain/users.js';
import { InsufficientScopeError, InvalidTokenError } from '../../errors/index.js';
import { AccessTokenError, MissingAccessTokenError, REVOKED_ACCESS_TOKEN } from '../tokens/access_token_errors.js';
import { USER_CREATED_AT_CLAIM, userinfoAudience } from '../tokens/access_token.js';
import { isTokenOfEarlierUser } from '../tokens/earlier_user.js';
import { userClaimsForScopes } from '../tokens/user_claims.js';
import { verifyAccessToken } from '../tokens/verify_access_token.js';
import { BEARER_TOKEN_PLACES, readBearerToken } from './userinfo_bearer_token.js';

/** What this file reads of the app's dependencies. */
type UserinfoDeps = Pick<AppDeps, 'store' | 'sealer' | 'config'>;

/**
 * OpenID Connect Core §5.3: the claims of the access token's user that its scopes allow, read from
 * the stored user now (so a profile updated since login shows). Only tokens of an OpenID Connect
 * request (scope openid) may read it. Errors follow RFC 6750 §3.
 *
 * A user blocked since the token was issued is refused here as at /oauth/token and prompt=none,
 * rather than for the rest of the token's hour: the user record is read anyway, so this costs nothing.
 * So is a token issued before the user record was created (earlier_user.ts).
 *
 * The token may name any of the tenant's hosts (iss and its /userinfo audience): a user's tokens are
 * issued under the host the login was made at (grant_tenant_url.ts), and an application may call
 * here at the host it redeemed its code at. Only this tenant's key opens the token in any case.
 */
export function userinfoEndpoint(deps: UserinfoDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const { context } = req;
    let verified;
    try {
      const tenantUrls = tenantUrlsServed(deps.config, context);
      verified = await verifyAccessToken(deps, context, readBearerToken(req), tenantUrls.map(userinfoAudience), tenantUrls.map(issuerOf));
    } catch (error) {
      throw error instanceof AccessTokenError ? toInvalidToken(error, context.tenantUrl) : error;
    }
    if (!verified.scope.includes('openid')) {
      throw new InsufficientScopeError('this access token was not granted the openid scope');
    }
    const user = await deps.store.users.get(context.tenant.name, verified.subject);
    if (!user) throw new InvalidTokenError('the user of this access token no longer exists');
    // Issued to a user deleted since, whose id signed up again: answered as a revoked token.
    const issuedTo = { iat: verified.claims.iat, userCreatedAt: verified.claims[USER_CREATED_AT_CLAIM] };
    if (isTokenOfEarlierUser(user, issuedTo)) throw new InvalidTokenError(REVOKED_ACCESS_TOKEN);
    if (user.blocked === true) throw new InvalidTokenError(USER_BLOCKED);

    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.json({ sub: user.userId, ...userClaimsForScopes(user, verified.scope) });
  };
}

/**
 * RFC 6750 §3.1: a request with no token at all gets the challenge without an error code, and a
 * description saying where a token may be sent.
 */
function toInvalidToken(error: AccessTokenError, tenantUrl: string): InvalidTokenError {
  if (!(error instanceof MissingAccessTokenError)) return new InvalidTokenError(error.message);
  return new InvalidTokenError(`no access token was sent: ${BEARER_TOKEN_PLACES}`).withHeader('WWW-Authenticate', `Bearer realm="${tenantUrl}"`);
}
