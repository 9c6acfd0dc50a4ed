import type { Response } from 'express';

/**
 * What every visitor of a tenant host is answered alike (discovery, the JWKS, the signing
 * certificate, the home page) may be kept by browsers and shared caches for five minutes. A relying
 * party that meets a kid missing from its cached JWKS fetches it again (jose, openid-client and
 * Auth0's SDKs all do), so caching never locks out a newly rotated key.
 */
const PUBLIC_TENANT_CACHE = 'public, max-age=300';

/**
 * But each is built from the tenant URL, that is from the host the request names, which behind
 * FITGATE_TRUST_PROXY is X-Forwarded-Host (resolve_tenant.ts), a header a cache does not key on by
 * itself: a cache that kept the answer to one X-Forwarded-Host would hand it to every visitor of the
 * Host (a stranger could plant another tenant's issuer and keys there). Varying on both keeps each
 * copy to the headers it was built from, and costs nothing where the proxy sets X-Forwarded-Host the
 * same on every request.
 */
const TENANT_URL_VARY: readonly string[] = ['Host', 'X-Forwarded-Host'];

/** Marks the answer cacheable by anyone for five minutes, one copy per tenant host. */
export function cachedPerTenantHost(res: Response): Response {
  for (const header of TENANT_URL_VARY) res.vary(header);
  return res.set('Cache-Control', PUBLIC_TENANT_CACHE);
}
