import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app_deps.js';
import { managementApiAudience } from '../domain/tenants.js';
import { AccessTokenError } from '../authn/tokens/access_token_errors.js';
import { verifyAccessToken } from '../authn/tokens/verify_access_token.js';
import { UnauthorizedError } from '../errors/index.js';
import { setCaller } from './caller.js';

// Auth0's own wording for each refusal, exactly, so existing clients that compare it keep working;
// what fitgate knows beyond it (which claim failed, say) goes to its log, with the request id.
const MESSAGES = {
  missing: 'Missing authentication',
  expired: 'Expired token received for JSON Web Token validation',
  invalid: 'Invalid token',
} as const;

/**
 * Every /api/v2 request carries a Bearer access token that this tenant issued for its own Management
 * API (issuer and audience are the tenant's URL, so another tenant's token fails here). Missing,
 * expired and invalid tokens are 401 with distinct messages; scopes are checked per route (403).
 */
export function authenticate(deps: Pick<AppDeps, 'sealer' | 'store' | 'logger'>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const verified = await verifyAccessToken(deps, req.context, bearerToken(req), managementApiAudience(req.context.tenantUrl));
      // A token counts only for the scopes its application's grant still holds: a grant narrowed or
      // removed takes effect at once, not when the token expires.
      const granted = new Set(verified.client.managementScopes);
      setCaller(res, { clientId: verified.clientId, scopes: new Set(verified.scope.filter((scope) => granted.has(scope))) });
      next();
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      const code = error.reason === 'expired' ? 'token_expired' : error.reason === 'missing' ? 'missing_authentication' : 'invalid_token';
      deps.logger.info({ reqId: req.id, token_refused: { reason: error.reason, detail: error.message } }, 'Management API access token refused');
      throw new UnauthorizedError(MESSAGES[error.reason], code).withHeader(
        'WWW-Authenticate',
        `Bearer realm="${req.context.tenantUrl}/api/v2/"`,
      );
    }
  };
}

/** The token of "Authorization: Bearer <token>"; undefined when there is none (any other scheme). */
function bearerToken(req: Request): string | undefined {
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}
