import type { Config } from '../config/index.js';
import { DEFAULT_TENANT, tenantUrl } from '../domain/tenants.js';
import { NotFoundError } from '../errors/index.js';

/**
 * Why a host found no tenant, for the advice of its 404 page:
 * - `no_such_tenant`: NAME.<base host> with no tenant NAME (a typo, a tenant deleted);
 * - `loopback_address`: 127.0.0.0/8 or [::1] while the public URL is at localhost, the same server
 *   under a name it does not go by;
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
    super(`There is no fitgate tenant at ${host || 'this address'}.`);
  }
}

/** An IPv4 loopback or [::1], with or without a port, as tenantHostOf leaves a Host. */
const LOOPBACK_ADDRESS = /^(?:127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** `host` and `baseHost` in tenantHostOf's form (resolve_tenant.ts reads both so). */
export function unknownHostError(host: string, baseHost: string, config: Pick<Config, 'publicUrl' | 'baseHost'>): UnknownHostError {
  const publicUrl = tenantUrl(config, DEFAULT_TENANT);
  return new UnknownHostError(host, {
    kind: kindOf(host, baseHost, new URL(publicUrl).hostname),
    publicUrl,
    dashboardUrl: `${publicUrl}/manage`,
    tenantUrlPattern: tenantUrl(config, 'NAME'),
  });
}

function kindOf(host: string, baseHost: string, publicHostname: string): UnknownHostKind {
  if (host.endsWith(`.${baseHost}`)) return 'no_such_tenant';
  if (publicHostname === 'localhost' && LOOPBACK_ADDRESS.test(host)) return 'loopback_address';
  return 'other_host';
}
