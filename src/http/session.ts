import type { RequestHandler } from 'express';
import session from 'express-session';
import type { AppDeps } from '../app_deps.js';

export const SESSION_COOKIE = 'fitgate.sid';
/** Idle timeout: every response that touches the session pushes expiry this far out (rolling). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

const byDeps = new WeakMap<object, RequestHandler>();

/**
 * The session, for the routers that need one (sign-in pages, /authorize and /login/callback, the
 * dashboard). It is not mounted app-wide on purpose: /oauth/token, /userinfo, /api/v2 and health
 * checks are called by programs at high rates and must never read or write the session store.
 * A router mounts it on its own routes; calls with the same deps object (one app) share one
 * middleware.
 *
 * - Secrets: FITGATE_SESSION_SECRETS, newest first. express-session signs with the first and
 *   accepts any, so putting a new secret first keeps every existing session valid.
 * - Cookie `fitgate.sid`: HttpOnly, SameSite=Lax (the upstream's redirect back to /login/callback is
 *   a top-level GET and still carries it), host-only (no Domain), so each tenant's host has its
 *   own session. Secure when FITGATE_PUBLIC_URL is https. Behind a TLS-terminating proxy, set
 *   FITGATE_TRUST_PROXY so Express sees the request as secure; otherwise no cookie is issued.
 * - saveUninitialized false: a visitor gets a cookie and a stored session only once something is
 *   put in it, so bots and health checks create nothing. rolling: idle sessions expire.
 */
export function createSessionMiddleware(deps: Pick<AppDeps, 'config' | 'store'>): RequestHandler {
  let middleware = byDeps.get(deps);
  if (!middleware) {
    middleware = session({
      name: SESSION_COOKIE,
      secret: [...deps.config.sessionSecrets],
      store: deps.store.sessionStore(),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.publicUrl.startsWith('https:'),
        path: '/',
        maxAge: SESSION_IDLE_MS,
      },
    });
    byDeps.set(deps, middleware);
  }
  return middleware;
}
