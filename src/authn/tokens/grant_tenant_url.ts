import type { Config } from '../../config/index.js';
import { tenantUrlsOf } from '../../domain/tenants.js';
import type { TenantContext } from '../../http/request_context.js';

/**
 * The tenant URL whose issuer a user grant's tokens carry (iss, and the access token's /userinfo
 * audience): the one the login was made under, which its code and refresh tokens remember, so an
 * application that signs in at one of the tenant's hosts and calls /oauth/token at another gets the
 * issuer of the sign-in, the one its front-channel answer and its logout tokens carry (Auth0's rule
 * for custom domains: the domain the authentication was started at). The token request's host when
 * the record remembers none (issued before it was kept) or one the tenant is no longer reached at (a
 * domain given up may be another tenant's by now, and its issuer no longer this tenant's to sign for).
 */
export function grantTenantUrl(config: Pick<Config, 'publicUrl' | 'baseHost'>, context: TenantContext, remembered: string | undefined): string {
  if (remembered === undefined || remembered === context.tenantUrl) return context.tenantUrl;
  return tenantUrlsOf(config, context.tenant).includes(remembered) ? remembered : context.tenantUrl;
}
