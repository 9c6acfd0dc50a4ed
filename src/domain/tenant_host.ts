/**
 * A host in the one form tenants are found by and named under: lower case, without a trailing dot,
 * and without the default port of `protocol` (the public URL's scheme), so "Login.Acme.com.:443"
 * is "login.acme.com" on https. A request's Host is read so (resolve_tenant.ts), and so is every own
 * domain a tenant URL is built from (ownDomainUrl): an own domain stored in capitals or with the
 * default port names the same URL the request found the tenant at, and a token issued there is
 * still the tenant's (tenantUrlsOf).
 */
export function tenantHostOf(host: string, protocol: string): string {
  const lower = host.toLowerCase();
  const defaultPort = protocol === 'https:' ? ':443' : ':80';
  const withoutPort = lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
  return withoutPort.replace(/\.$/, '');
}
