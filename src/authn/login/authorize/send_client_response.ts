import type { Response } from 'express';
import { allowFormActionOnly } from '../../../http/security_headers.js';
import { views } from '../../../http/views.js';
import { clientRedirectUrl, clientResponseFields, type ClientRedirectParams } from './client_redirect.js';
import type { ResponseMode } from './response_types.js';
import { sendWebMessage } from './web_message_page.js';

/** Where and how an authorization response goes: a verified redirect_uri and the request's response mode. */
export interface ClientDestination {
  redirectUri: string;
  /** web_message only once the redirect_uri's origin was found among the client's Allowed Web Origins. */
  responseMode: ResponseMode;
  /** The tenant's issuer, sent as `iss`. */
  issuer: string;
}

/**
 * Answers the client in its response mode: a redirect with the response in the query or fragment;
 * (form_post) a page whose form posts it to the redirect_uri, submitted by /static/login/form_post.js,
 * whose CSP names that origin alone as form-action; or (web_message) a page that posts it to the
 * redirect_uri's origin as a message (web_message_page.ts).
 */
export function sendClientResponse(res: Response, destination: ClientDestination, params: ClientRedirectParams): void {
  const { redirectUri, responseMode, issuer } = destination;
  if (responseMode === 'web_message') {
    sendWebMessage(res, new URL(redirectUri).origin, clientResponseFields(issuer, params));
    return;
  }
  if (responseMode !== 'form_post') {
    res.redirect(302, clientRedirectUrl(redirectUri, issuer, params, responseMode));
    return;
  }
  allowFormActionOnly(res, redirectUri);
  views().send(res, 'login/form_post', { action: redirectUri, fields: clientResponseFields(issuer, params) });
}
