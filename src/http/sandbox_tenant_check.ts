import type { RequestHandler } from 'express';
import { callbackUrlOf } from '../domain/tenants.js';

/**
 * The tenant check in front of the sandbox's front channel in a single process, as the workers'
 * proxy has its own (cluster/sandbox_proxy.ts): a browser reaches the emulators only on a host that
 * names a tenant, and any other host gets the unknown-host answer every fitgate path gets.
 *
 * One request is let through on any tenant's behalf: fitgate's own back channel (the code exchange,
 * profile and revocation calls), sent to this process at `backChannelUrl`, whose Host is that URL's
 * loopback address. A browser sends that Host only when it opens that address itself.
 *
 * Once the tenant is found, its callback URL is registered with the emulators (`allowCallback`), as
 * a worker's proxy does: a login's start registers it too, but an emulator started since (fitgate
 * restarted) would answer a consent page reloaded, or reached with Back, with its upstream's
 * redirect_uri_mismatch, whose advice (register the URI with Google) means nothing in the sandbox.
 */
export function tenantOrBackChannel(
  findTenant: RequestHandler,
  backChannelUrl: () => string,
  allowCallback?: (callbackUrl: string) => void,
): RequestHandler {
  // The emulators live as long as this process: each tenant's callback is registered once.
  const allowed = new Set<string>();
  // The URL is known once fitgate listens (its port) and then stays: parsed when first read after
  // that, and again only should it change, not on every request. Unparsable (before the listen),
  // it matches no Host.
  let parsed: { readonly url: string; readonly host: string | undefined } | undefined;
  const backChannelHost = (): string | undefined => {
    const url = backChannelUrl();
    if (parsed?.url !== url) parsed = { url, host: URL.canParse(url) ? new URL(url).host : undefined };
    return parsed.host;
  };
  return (req, res, next) => {
    const host = backChannelHost();
    if (host !== undefined && req.headers.host === host) return next();
    findTenant(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      const callbackUrl = callbackUrlOf(req.context.tenantUrl);
      if (allowCallback && !allowed.has(callbackUrl)) {
        allowCallback(callbackUrl);
        allowed.add(callbackUrl);
      }
      next();
    });
  };
}
