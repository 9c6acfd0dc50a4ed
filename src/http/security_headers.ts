import type { Response } from 'express';
import helmet from 'helmet';

/**
 * Helmet with the Content Security Policy every fitgate page lives under:
 * - scripts and styles only from fitgate's own origin (/static), never inline, so templates use
 *   `<script src>` and public/css, and an injected `<script>` cannot run;
 * - images also from https: (upstreams' profile pictures) and data: URLs;
 * - no framing (clickjacking of consent and dashboard pages);
 * - `form-action 'self'`. Chromium applies form-action to every redirect that follows a form POST,
 *   so a form that posts here and is answered with a redirect to an upstream or to a client's
 *   redirect_uri is blocked. Pages therefore leave the site by GET navigation: a link (`<a href>`)
 *   to a fitgate route that redirects onwards ("Continue with Fitbit"), or a meta refresh on the
 *   answer to a POST that must carry the CSRF token (Try). A page whose form must
 *   end on another origin (a consent form that redirects to a client) calls
 *   allowFormRedirectsTo(res, origins) for that response, naming exactly those origins.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'https:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      },
    },
    // Sign-in pages must not leak codes or state to other sites through the Referer header.
    referrerPolicy: { policy: 'no-referrer' },
    // Auth0-style SDKs in single-page apps call /oauth/token and /userinfo from other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Helmet's pins every host it answers for a year, localhost too: strict_transport_security.ts
    // sends it only for the hosts of an https public URL.
    strictTransportSecurity: false,
  });
}

/**
 * Widens form-action for this response only (see securityHeaders). Each address counts by its origin
 * ("https://host[:port]"); one of another scheme, which has no origin (a native app's
 * `com.example.app:/callback`), by its scheme.
 */
export function allowFormRedirectsTo(res: Response, origins: readonly string[]): void {
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy !== 'string' || origins.length === 0) return;
  const safe = origins.map(formActionSource);
  res.setHeader('Content-Security-Policy', policy.replace("form-action 'self'", `form-action 'self' ${safe.join(' ')}`));
}

function formActionSource(address: string): string {
  const url = new URL(address);
  return url.origin === 'null' ? url.protocol : url.origin;
}

/**
 * Makes `origin` the only form-action of this response: a page whose one form posts a login's
 * result to the client (the form_post response mode) may submit nowhere else, not even to fitgate.
 */
export function allowFormActionOnly(res: Response, origin: string): void {
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy !== 'string') return;
  res.setHeader('Content-Security-Policy', policy.replace("form-action 'self'", `form-action ${new URL(origin).origin}`));
}

/**
 * The policy of the page that answers response_mode=web_message, replacing the whole default one:
 * it loads nothing and runs only its own inline script, named by `scriptHash`; only `origin` (a
 * client's Allowed Web Origin) may frame it, since auth0-spa-js's silent login frames it hidden.
 * X-Frame-Options cannot name an origin, so it goes; frame-ancestors says it all. The page keeps
 * its opener (keepOpener) for popup logins.
 */
export function allowWebMessageTo(res: Response, origin: string, scriptHash: string): void {
  const directives = [
    "default-src 'none'",
    `script-src ${scriptHash}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${new URL(origin).origin}`,
  ];
  res.setHeader('Content-Security-Policy', directives.join('; '));
  res.removeHeader('X-Frame-Options');
  keepOpener(res);
}

/**
 * Lets this response keep the window that opened it. Helmet's Cross-Origin-Opener-Policy
 * `same-origin` puts a page opened by another site's window in a browsing context group of its own:
 * the opener loses its handle (it reads the popup as closed) and the popup loses window.opener. A
 * popup login (auth0-spa-js's loginWithPopup) passes through /authorize, the upstream and
 * /login/callback and answers its opener with postMessage, so every fitgate response on that way
 * must leave the opener alone, as Auth0's do.
 */
export function keepOpener(res: Response): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
}
