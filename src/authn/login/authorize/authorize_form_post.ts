import type { Request, RequestHandler, Response } from 'express';
import { InvalidRequestError } from '../../../errors/index.js';
import { formFields, isFormOrEmpty, redirectFormToGet } from '../form_post_to_get.js';

/**
 * POST /authorize: OpenID Connect Core 1.0 §3.1.2.1 requires the authorization endpoint to take a
 * form post as well as GET (RFC 6749 §3.1 leaves it optional; Auth0 documents GET only). It answers
 * 303 See Other to GET /authorize with the same parameters, every one of them and each repeat, so
 * that one path reads and checks every request: a repeated parameter is refused there as in a link.
 *
 * Why it does not answer the request itself: under http the session cookie is SameSite=Lax
 * (src/http/session.ts), and the post comes from the relying party's page, another site, so the
 * browser sends it without the cookie and single sign-on or prompt=none would miss the session.
 */
export function authorizeFormPost(getPath: string): RequestHandler {
  return (req: Request, res: Response) => {
    if (!isFormOrEmpty(req)) {
      throw new InvalidRequestError('An authorization request must be sent as a form (application/x-www-form-urlencoded) or as a link.');
    }
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(formFields(req))) {
      for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') query.append(name, one);
    }
    redirectFormToGet(res, getPath, query, 'authorization request');
  };
}
