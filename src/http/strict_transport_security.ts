import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isAddressHost, isTwoLabelHost, type Config } from '../config/index.js';
import { isLoopbackHost } from '../domain/application_urls.js';
import { tenantHostOf } from '../domain/tenant_host.js';

const ONE_YEAR_SECONDS = 31_536_000;

/** The base host and NAME.<base host>, when every name below the base host is one of fitgate's tenants. */
export const HSTS_WITH_SUBDOMAINS = `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`;
/** A tenant's own domain, whose subdomains are its owner's; and every host under a base host of two labels. */
export const HSTS_HOST_ONLY = `max-age=${ONE_YEAR_SECONDS}`;

/**
 * Strict-Transport-Security, sent only where it means something and harms nothing, decided from the
 * public URL (docs/operations.md, "Strict-Transport-Security"):
 * - none unless the public URL is https: over http a browser ignores the header anyway;
 * - none for a loopback public URL (localhost, *.localhost, 127.0.0.0/8, [::1]): the browser would
 *   force https on every http://localhost app for a year (fitgate's own http mode, the example
 *   app, other dev servers), and none for an IP address, which browsers do not pin (RFC 6797 §8.1);
 * - includeSubDomains on the base host and its tenants, which fitgate serves over the same TLS;
 * - the host alone on a base host of two labels (example.com) and its tenants: the domain's other
 *   names are likely its organisation's, not fitgate's (start-up warns of it, apex_host.ts), and each
 *   tenant host is pinned when a browser visits it;
 * - the host alone on a tenant's own domain.
 *
 * Mounted after tenant resolution, so a host that names no tenant (one a proxy or a Host header
 * made up) is never pinned. Helmet's own header is off (securityHeaders), since it pins every
 * host it answers, localhost too. Undefined where no host would get the header (http, loopback, an
 * address): nothing is mounted then, rather than a step every request passes for nothing.
 */
export function strictTransportSecurity(config: Pick<Config, 'publicUrl' | 'baseHost'>): RequestHandler | undefined {
  const { protocol, hostname } = new URL(config.publicUrl);
  if (protocol !== 'https:' || !pinnable(hostname)) return undefined;
  const baseHost = tenantHostOf(config.baseHost, protocol);
  const baseHeader = isTwoLabelHost(hostname) ? HSTS_HOST_ONLY : HSTS_WITH_SUBDOMAINS;
  return (req: Request, res: Response, next: NextFunction) => {
    const host = tenantHostOf(req.host ?? '', protocol);
    if (host === baseHost || host.endsWith(`.${baseHost}`)) res.setHeader('Strict-Transport-Security', baseHeader);
    else if (pinnable(host.replace(/:\d+$/, ''))) res.setHeader('Strict-Transport-Security', HSTS_HOST_ONLY);
    next();
  };
}

/** A host name a browser may be told to reach by https alone: not loopback, not an IP address. */
function pinnable(hostname: string): boolean {
  return !isLoopbackHost(hostname) && !isAddressHost(hostname);
}
