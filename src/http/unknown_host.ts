import type { Config } from '../config/index.js';
import { DEFAULT_TENANT, tenantUrl } from '../domain/tenants.js';
import { NotFoundError } from '../errors/index.js';

/**
 * Why a host found no tenant, for the advice of its 404 page:
 * - `no_such_tenant`: NAME.<base host> with no tenant NAME (a typo, a tenant deleted);
 * - `loopback_address`: one of this machine's own names (localhost, 127.0.0.0/8, [::1]) while the
 *   public URL is at another of them (127.0.0.1 opened for localhost, or the reverse): the same
 *   server under a name it does not go by;
 * - `other_host`: any other host (a LAN address or name, a port mapped to fitgate's): fitgate serves
 *   only the hosts its public URL names and the tenants' own domains.
 */
export type UnknownHostKind = 'no_such_tenant' | 'loopback_address' | 'other_host';

/**
 * What the 404 page tells the person who opened an unknown host. Every URL in it comes from the
 * configuration (the public URL is public: discovery publishes it), never from the request's Host,
 * which the sender chooses: a link built from it would lead to the same 404, or anywhere.
 */
export interface UnknownHostHint {
  kind: UnknownHostKind;
  /** FITGATE_PUBLIC_URL, the default tenant's URL. */
  publicUrl: string;
  /** Its host name (localhost, 127.0.0.1), which the `loopback_address` advice suggests instead. */
  publicHostname: string;
  /** The dashboard at the public URL. */
  dashboardUrl: string;
  /** How a tenant's own URL is written: the public URL with NAME before its host. */
  tenantUrlPattern: string;
}

/** A Host that names no tenant; the page shows `hint` (error.eta), every other format the description. */
export class UnknownHostError extends NotFoundError {
  constructor(
    host: string,
    readonly hint: UnknownHostHint,
  ) {
    // A program (curl's default Accept gets JSON) reads only this: for this machine under another of
    // its names, it names the address that answers, as the page does.
    const nowhere = `There is no fitgate tenant at ${host || 'this address'}.`;
    super(hint.kind === 'loopback_address' ? `${nowhere} This fitgate answers at ${hint.publicUrl}.` : nowhere);
  }
}

/** localhost, an IPv4 loopback or [::1], with or without a port, as tenantHostOf leaves a Host. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** `host` and `baseHost` in tenantHostOf's form (resolve_tenant.ts reads both so). */
export function unknownHostError(host: string, baseHost: string, config: Pick<Config, 'publicUrl' | 'baseHost'>): UnknownHostError {
  const publicUrl = tenantUrl(config, DEFAULT_TENANT);
  const publicHostname = new URL(publicUrl).hostname;
  return new UnknownHostError(host, {
    kind: kindOf(host, baseHost, publicHostname),
    publicUrl,
    publicHostname,
    dashboardUrl: `${publicUrl}/manage`,
    tenantUrlPattern: tenantUrl(config, 'NAME'),
  });
}

function kindOf(host: string, baseHost: string, publicHostname: string): UnknownHostKind {
  if (host.endsWith(`.${baseHost}`)) return 'no_such_tenant';
  // The same name at another port (a port mapped to fitgate's) is `other_host`: its advice is to set the public URL.
  const hostname = host.replace(/:\d+$/, '');
  if (hostname !== publicHostname && LOOPBACK_HOST.test(publicHostname) && LOOPBACK_HOST.test(host)) return 'loopback_address';
  return 'other_host';
}
