import { isIP } from 'node:net';
import type { ConfigWarning } from './config_warnings.js';

/**
 * Whether `hostname` (as a URL gives it) is a name of exactly two labels, such as example.com: most
 * likely an organisation's registrable domain, whose other names (www, mail, an intranet) are its
 * own, not fitgate's. Counted rather than looked up in a public-suffix list, which fitgate does not
 * depend on: example.co.uk (three labels) is not recognised as one, so a base host there needs the
 * same care by hand (docs/operations.md, "Strict-Transport-Security").
 */
export function isTwoLabelHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return !isAddressHost(name) && name.split('.').length === 2;
}

/** Whether `hostname` (as a URL gives it: IPv6 in brackets) is an IP address rather than a name. */
export function isAddressHost(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

/**
 * An https public URL at such a domain: tenants live at NAME.<base host>, among the organisation's
 * other names, and Strict-Transport-Security leaves out includeSubDomains there
 * (strict_transport_security.ts), so each host is pinned only once a browser visits it. A loopback
 * name (acme.localhost) is never pinned, and is the developer's own machine: nothing to say.
 */
export function apexBaseHostWarning(publicUrl: URL): ConfigWarning | undefined {
  const { protocol, hostname } = publicUrl;
  if (protocol !== 'https:' || hostname.endsWith('.localhost') || !isTwoLabelHost(hostname)) return undefined;
  const host = hostname.replace(/\.$/, '');
  return {
    variable: 'FITGATE_PUBLIC_URL',
    message:
      `FITGATE_PUBLIC_URL is at ${host}, a domain of two labels, whose other names (www, mail, an intranet) are likely not fitgate's: ` +
      `tenants live at NAME.${host} among them, and Strict-Transport-Security is sent without includeSubDomains here, so it does ` +
      `not pin the rest of ${host} to https; give fitgate a host of its own, such as id.${host}`,
  };
}
