import type { Response } from 'express';
import { allowFormActionOnly } from '../../../http/security_headers.js';
import { views } from '../../../http/views.js';
import { clientRedirectUrl, clientResponseFields, type ClientRedirectParams } from './client_redirect.js';
import type { ResponseMode } from './response_types.js';

/** Where and how an authorization response goes: a verified redirect_uri and the request's response mode. */
export interface ClientDestination {
  redirectUri: string;
  responseMode: ResponseMode;
  /** The tenant's issuer, sent as `iss`. */
  issuer: string;
}

/**
 * Answers the client in its response mode: a redirect with the response in the query or fragment,
 * or (form_post) a page whose form posts it to the redirect_uri, submitted by /static/login/form_post.js.
 * That page may post only to the client's origin: its CSP names that origin alone as form-action.
 */
export function sendClientResponse(res: Response, destination: ClientDestination, params: ClientRedirectParams): void {
  const { redirectUri, responseMode, issuer } = destination;
  if (responseMode !== 'form_post') {
    res.redirect(302, clientRedirectUrl(redirectUri, issuer, params, responseMode));
    return;
  }
  allowFormActionOnly(res, redirectUri);
  views().send(res, 'login/form_post', { action: redirectUri, fields: clientResponseFields(issuer, params) });
}
