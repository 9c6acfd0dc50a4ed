import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * CORS for the back-channel endpoints that single-page apps call from their own origin (/oauth/token,
 * /oauth/revoke, /userinfo, discovery, JWKS). Any origin may call them because none of them reads a
 * cookie: a request proves itself with client credentials, a PKCE verifier or a bearer token, so
 * another site gains nothing by making it from a victim's browser. Credentials are never allowed.
 */
export function openCors(methods: readonly string[]): RequestHandler {
  const allowMethods = [...methods, 'OPTIONS'].join(', ');
  return (req: Request, res: Response, next: NextFunction) => {
    res.set('Access-Control-Allow-Origin', '*');
    if (req.method !== 'OPTIONS') return next();
    res.set({
      'Access-Control-Allow-Methods': allowMethods,
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Auth0-Client',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}
