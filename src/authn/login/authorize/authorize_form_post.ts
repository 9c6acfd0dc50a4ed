import type { Request, RequestHandler, Response } from 'express';
import { InvalidRequestError } from '../../../errors/index.js';

const FORM = 'application/x-www-form-urlencoded';

// The GET a 303 leads to carries the form in its request line, and no server takes one as long as
// the 100 kB a form may be: Node refuses request headers over 16 kB (its --max-http-header-size
// default) and nginx a request line over 8 kB (large_client_header_buffers). Longer, the redirect
// could only fail, after writing the whole form into a Location header and the request log's line.
const MAX_QUERY_LENGTH = 8 * 1024;

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
    if (search.length > MAX_QUERY_LENGTH) {
      throw new InvalidRequestError(`The authorization request is longer than fitgate accepts (at most ${MAX_QUERY_LENGTH / 1024} kB of parameters).`);
    }
    // The redirect repeats state, nonce and login_hint: no cache may keep it.
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.redirect(303, `${getPath}${search}`);
  };
}
