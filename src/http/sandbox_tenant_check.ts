import type { RequestHandler } from 'express';

/**
 * The tenant check in front of the sandbox's front channel in a single process, as the workers'
 * proxy has its own (cluster/sandbox_proxy.ts): a browser reaches the emulators only on a host that
 * names a tenant, and any other host gets the unknown-host answer every fitgate path gets.
 *
 * One request is let through on any tenant's behalf: fitgate's own back channel (the code exchange,
 * profile and revocation calls), sent to this process at `backChannelUrl`, whose Host is that URL's
 * loopback address. A browser sends that Host only when it opens that address itself.
 */
export function tenantOrBackChannel(findTenant: RequestHandler, backChannelUrl: () => string): RequestHandler {
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
    findTenant(req, res, next);
  };
}
