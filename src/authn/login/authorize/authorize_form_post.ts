import type { Request, RequestHandler, Response } from 'express';
import { InvalidRequestError } from '../../../errors/index.js';

const FORM = 'application/x-www-form-urlencoded';

/**
 * POST /authorize: OpenID Connect Core 1.0 §3.1.2.1 requires the authorization endpoint to take a
 * form post as well as GET (RFC 6749 §3.1 leaves it optional; Auth0 documents GET only). It answers
 * 303 See Other to GET /authorize with the same parameters, every one of them and each repeat, so
 * that one path reads and checks every request: a repeated parameter is refused there as in a link.
 *
 * Why it does not answer the request itself: under http the session cookie is SameSite=Lax
 * (src/http/session.ts), and the post comes from the relying party's page, another site, so the
 * browser sends it without the cookie and single sign-on or prompt=none would miss the session. A
 * 303 is repeated as a top-level GET navigation, which carries it (as logout_form_post.ts does).
 */
export function authorizeFormPost(getPath: string): RequestHandler {
  return (req: Request, res: Response) => {
    if (!req.is(FORM) && req.headers['content-length'] !== '0') {
      throw new InvalidRequestError('An authorization request must be sent as a form (application/x-www-form-urlencoded) or as a link.');
    }
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      // express.urlencoded({ extended: false }) gives a string, or an array of them for a repeat.
      for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') query.append(name, one);
    }
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    // The redirect repeats state, nonce and login_hint: no cache may keep it.
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.redirect(303, `${getPath}${search}`);
  };
}
