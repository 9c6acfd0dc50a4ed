import type { Request, Response } from 'express';
import { InvalidRequestError } from '../../errors/index.js';

const FORM = 'application/x-www-form-urlencoded';

// The GET a 303 leads to carries the form in its request line, and no server takes one as long as
// the 100 kB a form may be: Node refuses request headers over 16 kB (its --max-http-header-size
// default) and nginx a request line over 8 kB (large_client_header_buffers). Longer, the redirect
// could only fail, after writing the whole form into a Location header and the request log's line.
const MAX_QUERY_LENGTH = 8 * 1024;

/**
 * Whether a form post to an endpoint that answers it with its GET (/authorize, the logouts) can be
 * read: a form, or no body at all (a post without parameters, which some clients send with no type).
 */
export function isFormOrEmpty(req: Request): boolean {
  return req.is(FORM) !== false || req.headers['content-length'] === '0';
}

/** The form's fields as express.urlencoded({ extended: false }) read them: a string each, an array for a repeat. */
export function formFields(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

/**
 * Answers a form post with 303 See Other to the GET at `getPath` with `query`, which the browser
 * repeats as a top-level navigation, carrying the session cookie whatever its SameSite: so one path
 * (the GET's) does the work, and the post only moves the form into the URL. `request` names it in
 * the refusal of a query too long for that URL.
 */
export function redirectFormToGet(res: Response, getPath: string, query: URLSearchParams, request: string): void {
  const search = query.size === 0 ? '' : `?${query.toString()}`;
  if (search.length > MAX_QUERY_LENGTH) {
    throw new InvalidRequestError(`The ${request} is longer than fitgate accepts (at most ${MAX_QUERY_LENGTH / 1024} kB of parameters).`);
  }
  // The redirect repeats what the form carried (state, nonce, login_hint, id_token_hint): no cache may keep it.
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  res.redirect(303, `${getPath}${search}`);
}
