import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * How errors are answered on a route: `oauth` is RFC 6749's JSON {error, error_description},
 * `management` is Auth0's {statusCode, error, message, errorCode}, `html` is a page for people.
 * A router declares it for its routes with answerErrorsAs(); where nobody did (the error came before
 * any router: the tenant could not be resolved, the body could not be read), the path decides for
 * the endpoints programs call (OAUTH_PATHS, /api/v2), whatever their Accept says; elsewhere the
 * error handler negotiates: HTML when the client prefers it (a browser), JSON otherwise.
 */
export type ErrorFormat = 'oauth' | 'management' | 'html';

export function answerErrorsAs(format: ErrorFormat): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.errorFormat = format;
    next();
  };
}

/**
 * The Authentication API's back channel (authn/back_channel_router.ts): an SDK or a form-posting
 * library may send a browser's Accept, but reads only the OAuth JSON.
 */
const OAUTH_PATHS = new Set(['/oauth/token', '/oauth/revoke', '/userinfo', '/pem', '/cer']);

/** `path` as Express routes it: any case, one trailing slash. */
function routedPath(path: string): string {
  return path.toLowerCase().replace(/(.)\/$/, '$1');
}

/** Whether `path` is one of the back channel's. */
function isOAuthPath(path: string): boolean {
  const routed = routedPath(path);
  return OAUTH_PATHS.has(routed) || routed.startsWith('/.well-known/');
}

/**
 * The front channel's login paths, whose routers declare `html` whatever the Accept: a browser is
 * sent there, so an error before the router (the store out while the tenant is resolved) is the same
 * page, not JSON for curl's default Accept and a page from the router a moment later.
 */
const LOGIN_PAGE_PATHS = new Set(['/authorize', '/login/callback', '/login/consent']);

export function errorFormatOf(req: Request, res: Response): ErrorFormat {
  const declared = res.locals.errorFormat as ErrorFormat | undefined;
  if (declared) return declared;
  if (req.path === '/api/v2' || req.path.startsWith('/api/v2/')) return 'management';
  if (isOAuthPath(req.path)) return 'oauth';
  if (LOGIN_PAGE_PATHS.has(routedPath(req.path))) return 'html';
  return req.accepts(['json', 'html']) === 'html' ? 'html' : 'oauth';
}
