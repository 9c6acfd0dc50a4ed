import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * fitgate's own answer when its token endpoint refuses the sign-in's code exchange.
 *
 * A wrong client secret gets `401 invalid_client` with `WWW-Authenticate: Basic`, as OAuth 2 asks.
 * openid-client stops at that header (error code OAUTH_WWW_AUTHENTICATE_CHALLENGE) without reading
 * the body, and express-openid-connect then replaces its error with a plain 400 carrying only that
 * code, so the answer that says what is wrong never reaches the app's error handler. The SDK's
 * `customFetch` option sees every response it fetches: this one keeps a refused token request's
 * `error` and `error_description` on `res.locals` of the request being handled.
 */
const requestLocals = new AsyncLocalStorage();

/** Middleware, before the SDK's: gives the SDK's fetches of this request a place to write to. */
export function keepTokenRefusal(req, res, next) {
  requestLocals.run(res.locals, next);
}

/** For the SDK's `customFetch`: fetch, and remember a refused POST (the token endpoint's answer). */
export async function fetchKeepingRefusal(url, init) {
  const response = await fetch(url, init);
  const locals = requestLocals.getStore();
  if (locals && !response.ok && init?.method === 'POST') {
    // A clone: the SDK still reads the original.
    const body = await response.clone().json().catch(() => undefined);
    if (typeof body?.error === 'string') locals.tokenRefusal = { status: response.status, error: body.error, description: body.error_description };
  }
  return response;
}

/** fitgate's refusal of this request's code exchange, when there was one. */
export const tokenRefusalOf = (res) => res.locals.tokenRefusal;
