import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * CORS for the back-channel endpoints any origin may read: discovery, JWKS and the signing
 * certificate are public documents, and /userinfo answers only a bearer token, which a page must
 * already hold (Auth0 answers these to every origin too). None of them reads a cookie, so another
 * site gains nothing by calling them from a victim's browser. Credentials are never allowed.
 * /oauth/token and /oauth/revoke answer only their client's origins instead (client_origin_cors.ts).
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
