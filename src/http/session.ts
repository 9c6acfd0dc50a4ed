import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { AppDeps } from '../app_deps.js';
import type { Config } from '../config/index.js';
import { insecureSessionRequestWarning } from './insecure_session_request.js';

/** The end user's session at a tenant (/authorize, /login/callback, /v2/logout). */
export const SESSION_COOKIE = 'fitgate.sid';
/** The dashboard admin's session: its own cookie, sent only to /manage. */
export const DASHBOARD_SESSION_COOKIE = 'fitgate.manage.sid';
export const DASHBOARD_COOKIE_PATH = '/manage';
/**
 * The dashboard's idle timeout: every response that touches the session pushes expiry this far out
 * (rolling). An end user's session starts with it too, and is given its tenant's lifetimes once
 * someone signs in (src/authn/login/session_lifetime.ts: idle_session_lifetime, session_lifetime).
 */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

const byDeps = new WeakMap<object, RequestHandler>();
const dashboardByDeps = new WeakMap<object, RequestHandler>();

/**
 * The end user's session, for the routes that need one (/authorize, /login/callback, /v2/logout;
 * the dashboard has its own, below). It is not mounted app-wide on purpose: /oauth/token,
 * /userinfo, /api/v2 and health checks are called by programs at high rates and must never read or
 * write the session store.
 * A router mounts it on its own routes; calls with the same deps object (one app) share one
 * middleware.
 *
 * - Secrets: FITGATE_SESSION_SECRETS, newest first. express-session signs with the first and
 *   accepts any, so putting a new secret first keeps every existing session valid.
 * - Cookie `fitgate.sid`: HttpOnly, host-only (no Domain), so each tenant's host has its own
 *   session. Secure when FITGATE_PUBLIC_URL is https. Behind a TLS-terminating proxy, set
 *   FITGATE_TRUST_PROXY so Express sees the request as secure; otherwise no cookie is issued.
 *   SameSite: see endUserSameSite below (None under https, Lax under http).
 * - saveUninitialized false: a visitor gets a cookie and a stored session only once something is
 *   put in it, so bots and health checks create nothing. rolling: idle sessions expire, after the
 *   tenant's idle_session_lifetime (a request's own req.session.cookie.maxAge wins).
 */
export function createSessionMiddleware(deps: SessionDeps): RequestHandler {
  return once(byDeps, deps, () => sessionMiddleware(deps, SESSION_COOKIE, '/', endUserSameSite(deps.config)));
}

/**
 * The end user's cookie is SameSite=None when it is Secure (an https public URL), as Auth0's session
 * cookie is: auth0-spa-js's silent login is a hidden iframe (/authorize?prompt=none,
 * response_mode=web_message) inside the app's page, and for an app on another site than fitgate
 * that iframe is a third-party context, where a Lax cookie is never sent; every page load would read
 * "login_required". Browsers that block third-party cookies (Safari, Firefox's and Brave's defaults)
 * still hold it back there, as they do Auth0's. Under http it stays Lax: browsers drop a None cookie
 * that is not Secure, and there would be no session at all.
 *
 * What None lets other sites do, endpoint by endpoint (the session is mounted on no other route):
 * - /authorize: a request from any site could always carry the cookie as a top-level navigation;
 *   now an iframe, image or fetch can too. What the session yields there goes only to the client's
 *   registered callbacks (exact match) or, for web_message, is posted only to a listed Allowed Web
 *   Origin by a page only that origin may frame (frame-ancestors); every other page refuses framing,
 *   and no answer carries CORS headers, so another site can neither read nor redirect the result.
 * - /v2/logout and /oidc/logout: any site could already sign the user out with a top-level link
 *   (Auth0's logout is a GET as well); None only lets it do so without a visible navigation. A nuisance,
 *   not a hole: nothing is disclosed and the user can sign in again.
 * - /login/callback is bound by the upstream state and the pending-login cookie (fitgate.login.*, one per login),
 *   which stays SameSite=Lax: the upstream's redirect back is a top-level GET and carries it, and a
 *   framed or scripted callback from another site does not, so login CSRF stays refused.
 * - /login/consent (a third-party application's consent page): its answer is a POST, which another
 *   site can send with the cookie, so it counts only with the token printed in the page's own form
 *   (authn/login/consent/pending_consent.ts), which no other site can read.
 * - A page of another site can learn whether the browser holds a session (the iframe answers
 *   login_required or not), as with Auth0; that is what silent login is.
 * The dashboard's cookie keeps Lax and its forms keep their CSRF tokens (sessionMiddleware's default).
 */
export function endUserSameSite(config: Pick<Config, 'publicUrl'>): 'none' | 'lax' {
  return isSecureCookie(config) ? 'none' : 'lax';
}

function isSecureCookie(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https:');
}

/**
 * The dashboard's session: the same store and secrets, but its own cookie (`fitgate.manage.sid`,
 * Path=/manage). An end user's login regenerates `fitgate.sid` and /v2/logout destroys it; neither
 * ever sees this cookie, so an admin using the dashboard on a tenant's host stays signed in while
 * people log in there (and while the admin tries a login in another tab).
 */
export function createDashboardSessionMiddleware(deps: SessionDeps): RequestHandler {
  return once(dashboardByDeps, deps, () => sessionMiddleware(deps, DASHBOARD_SESSION_COOKIE, DASHBOARD_COOKIE_PATH));
}

function once(cache: WeakMap<object, RequestHandler>, deps: object, build: () => RequestHandler): RequestHandler {
  let middleware = cache.get(deps);
  if (!middleware) {
    middleware = build();
    cache.set(deps, middleware);
  }
  return middleware;
}

/** With a logger, a request that cannot get its Secure cookie is logged (insecure_session_request.ts). */
type SessionDeps = Pick<AppDeps, 'config' | 'store'> & Partial<Pick<AppDeps, 'logger'>>;

function sessionMiddleware(deps: SessionDeps, name: string, path: string, sameSite: 'none' | 'lax' = 'lax'): RequestHandler {
  const middleware = session({
    name,
    secret: [...deps.config.sessionSecrets],
    store: new SessionStoreView(deps.store.sessionStore()),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Sessions end through req.session.destroy(), which deletes the stored one itself; 'destroy'
    // here would delete it a second time as the response ends, and pass a failure of that second
    // delete on after the answer was sent.
    unset: 'keep',
    cookie: {
      httpOnly: true,
      sameSite,
      secure: isSecureCookie(deps.config),
      path,
      maxAge: SESSION_IDLE_MS,
    },
  });
  if (!deps.logger) return middleware;
  const warn = insecureSessionRequestWarning(deps.config, deps.logger);
  return (req, res, next) => {
    warn(req);
    middleware(req, res, next);
  };
}

/** Requests whose session express-session read from the store (the others' is new, with a fresh id). */
const storedSessions = new WeakSet<object>();

/**
 * Whether this request's session came from the store, under an id the browser sent. When it did
 * not, express-session generated the id for this request, so nobody else can know it: a login has
 * no planted id to replace and can skip regenerating (a store delete of an id that was never
 * stored).
 */
export function hasStoredSession(req: Request): boolean {
  return storedSessions.has(req);
}

/**
 * One middleware's window on the shared session store. express-session writes its own `generate`
 * (which builds the cookie with that middleware's options) onto the store object it is given, so two
 * middlewares on one store object would issue each other's cookies; each gets its own view instead.
 */
class SessionStoreView extends session.Store {
  constructor(private readonly inner: session.Store) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.inner.get(sid, callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.inner.set(sid, data, callback);
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.inner.destroy(sid, callback);
  }

  /** express-session builds a session read from the store here (and only here). */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    storedSessions.add(req);
    return super.createSession(req, data);
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    if (this.inner.touch) this.inner.touch(sid, data, callback);
    else this.inner.set(sid, data, callback);
  }
}
