import type { Request } from 'express';
import type { Logger } from 'pino';
import { trustsAnyProxy, type Config } from '../config/index.js';

/** At most one warning per this interval and app: every sign-in and login would log one otherwise. */
export const INSECURE_REQUEST_WARNING_INTERVAL_MS = 60_000;

/**
 * Whether no session cookie can be issued for this request: with an https public URL the cookie is
 * Secure, and express-session leaves out a Secure cookie on a request Express sees as http (behind a
 * TLS-terminating proxy: one whose X-Forwarded-Proto is missing, or not believed because
 * FITGATE_TRUST_PROXY does not trust it). Every form then fails its CSRF check and every login its
 * state check.
 */
export function sessionCookieRefused(config: Pick<Config, 'publicUrl'>, req: Request): boolean {
  return config.publicUrl.startsWith('https:') && !req.secure;
}

const byConfig = new WeakMap<object, (req: Request) => void>();

/**
 * Logs why a request got no session cookie (sessionCookieRefused), naming what to fix, at most once
 * a minute: the request log alone shows only the 403 that follows. One limit per app (its config),
 * which the end user's and the dashboard's session middlewares share.
 */
export function insecureSessionRequestWarning(config: Pick<Config, 'publicUrl' | 'trustProxy'>, logger: Logger, now: () => number = Date.now): (req: Request) => void {
  const existing = byConfig.get(config);
  if (existing) return existing;
  let loggedAt = Number.NEGATIVE_INFINITY;
  const warn = (req: Request) => {
    if (!sessionCookieRefused(config, req)) return;
    const at = now();
    if (at - loggedAt < INSECURE_REQUEST_WARNING_INTERVAL_MS) return;
    loggedAt = at;
    const forwardedProto = req.get('x-forwarded-proto');
    const peer = req.socket.remoteAddress;
    logger.warn(
      { path: req.path, protocol: req.protocol, forwardedProto: forwardedProto ?? null, peer, trustProxy: config.trustProxy ?? null },
      `session cookie not issued: a request to ${req.path} arrived as ${req.protocol} although FITGATE_PUBLIC_URL is https, so sign-ins and logins fail; ` +
        remedy(config.trustProxy, forwardedProto, peer),
    );
  };
  byConfig.set(config, warn);
  return warn;
}

function remedy(trustProxy: Config['trustProxy'], forwardedProto: string | undefined, peer: string | undefined): string {
  if (!trustsAnyProxy(trustProxy)) {
    return `set FITGATE_TRUST_PROXY to trust the TLS-terminating proxy (this request came from ${peer ?? 'an unknown address'}), which must send X-Forwarded-Proto: https`;
  }
  if (forwardedProto === undefined) {
    return `the proxy at ${peer ?? 'an unknown address'} sent no X-Forwarded-Proto: make it send X-Forwarded-Proto: https`;
  }
  return `check that FITGATE_TRUST_PROXY (${String(trustProxy)}) trusts the proxy at ${peer ?? 'an unknown address'}, and that it sends X-Forwarded-Proto: https (it sent ${forwardedProto})`;
}
