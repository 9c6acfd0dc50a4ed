import type { ErrorRequestHandler, Request } from 'express';
import { AuthorizePageError } from '../errors.js';
import { stringParam } from '../params.js';
import { encodeAuthError, type GoogleAuthError } from './auth_error_wire.js';

/** Where accounts.google.com shows its error page, under the host's prefix. */
export const GOOGLE_ERROR_PATH = '/signin/oauth/error';

// What Google's error page links and echoes for a redirect_uri it does not know: "Request details:
// redirect_uri=..." and the related developer documentation (as in n8n-io/n8n#13943).
const REDIRECT_URI_MISMATCH_HELP = 'https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors-redirect-uri-mismatch';

function authErrorOf(error: AuthorizePageError, req: Request): GoogleAuthError {
  const redirectUri = stringParam(req.query, 'redirect_uri');
  const mismatch = error.code === 'redirect_uri_mismatch';
  return {
    code: error.code,
    description: error.message,
    helpUrl: mismatch ? REDIRECT_URI_MISMATCH_HELP : undefined,
    status: error.status,
    requestDetails: mismatch && redirectUri !== undefined ? [['redirect_uri', redirectUri]] : [],
  };
}

/**
 * Google never shows a refused authorize request (an unknown client, an unregistered redirect_uri,
 * a bad parameter) at the authorize URL: it answers 302 to its error page, the refusal encoded in
 * the address (`authError`, see auth_error_wire.ts), and the page shows it. The redirect stays
 * under the emulator's own prefix, wherever the emulator is mounted. Every other error goes on to
 * the host's error handler.
 */
export const googleErrorRedirect: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!(error instanceof AuthorizePageError) || res.headersSent) {
    next(error);
    return;
  }
  const clientId = stringParam(req.query, 'client_id');
  const query = new URLSearchParams({
    authError: encodeAuthError(authErrorOf(error, req)),
    ...(clientId !== undefined && { client_id: clientId }),
    flowName: 'GeneralOAuthFlow',
  });
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, `${req.baseUrl}${GOOGLE_ERROR_PATH}?${query}`);
};
