import type { Request, RequestHandler, Response } from 'express';
import { InvalidRequestError } from '../../errors/index.js';
import { formFields, isFormOrEmpty, redirectFormToGet } from './form_post_to_get.js';
import { LOGOUT_PARAMETERS } from './logout_endpoint.js';

/**
 * POST for the logout at `getPath` (OpenID Connect RP-Initiated Logout 1.0 §2: the OP accepts the
 * request as a form post too). It answers 303 See Other to the GET with the same parameters and
 * leaves the work (ending the session, checking the return address, the `slo` event) to it.
 *
 * Why it does not end the session itself: under http the session cookie is SameSite=Lax
 * (src/http/session.ts), and the post normally comes from the relying party's page, another site,
 * so the browser sends it without the cookie; signing out here would show "signed out" while the
 * session lives on (under https the cookie is SameSite=None and would come with the post too).
 */
export function logoutFormPost(getPath: string): RequestHandler {
  return (req: Request, res: Response) => {
    if (!isFormOrEmpty(req)) {
      throw new InvalidRequestError('A sign-out request must be sent as a form (application/x-www-form-urlencoded) or as a link.');
    }
    const body = formFields(req);
    const query = new URLSearchParams();
    // What the GET reads; anything else is dropped.
    for (const name of LOGOUT_PARAMETERS) {
      // A repeated field arrives as an array; the GET reads only single values, so it goes too.
      const value = body[name];
      if (typeof value === 'string' && value !== '') query.set(name, value);
    }
    redirectFormToGet(res, getPath, query, 'sign-out request');
  };
}
