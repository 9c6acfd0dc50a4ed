import type { Request, RequestHandler, Response } from 'express';
import { InvalidRequestError } from '../../errors/index.js';
import { LOGOUT_PARAMETERS } from './logout_endpoint.js';

const FORM = 'application/x-www-form-urlencoded';

/**
 * POST for the logout at `getPath` (OpenID Connect RP-Initiated Logout 1.0 §2: the OP accepts the
 * request as a form post too). It answers 303 See Other to the GET with the same parameters and
 * leaves the work (ending the session, checking the return address, the `slo` event) to it.
 *
 * Why it does not end the session itself: under http the session cookie is SameSite=Lax
 * (src/http/session.ts), and the post normally comes from the relying party's page, another site,
 * so the browser sends it without the cookie; signing out here would show "signed out" while the
 * session lives on. The browser repeats a 303 as a top-level GET navigation, which carries the
 * cookie whatever its SameSite, so one path serves both (under https the cookie is SameSite=None and
 * would come with the post too).
 */
export function logoutFormPost(getPath: string): RequestHandler {
  return (req: Request, res: Response) => {
    if (!isFormOrEmpty(req)) {
      throw new InvalidRequestError('A sign-out request must be sent as a form (application/x-www-form-urlencoded) or as a link.');
    }
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
    const query = new URLSearchParams();
    // What the GET reads; anything else is dropped.
    for (const name of LOGOUT_PARAMETERS) {
      // A repeated field arrives as an array; the GET reads only single values, so it goes too.
      const value = body[name];
      if (typeof value === 'string' && value !== '') query.set(name, value);
    }
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    // The redirect repeats id_token_hint and state: no cache may keep it.
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.redirect(303, `${getPath}${search}`);
  };
}

/** A form, or no body at all (a post without parameters, which some clients send with no type). */
function isFormOrEmpty(req: Request): boolean {
  const type = req.is(FORM);
  return type !== false || req.headers['content-length'] === '0';
}
