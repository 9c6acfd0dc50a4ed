import { AccessDeniedError } from '../../errors/index.js';
import { managementApiAudience } from '../../domain/tenants.js';
import { userinfoAudience } from './access_token.js';

/** Who a token is for: a user who logged in, or a client on its own behalf (client_credentials). */
export type TokenHolder = 'user' | 'client';

/**
 * The one API each kind of token may name. fitgate keeps no APIs of applications (Auth0's resource
 * servers), so a user's token is for /userinfo alone; and it issues no current-user Management API
 * tokens, so that API takes client_credentials tokens only.
 */
const SERVED: Readonly<Record<TokenHolder, (tenantUrl: string) => string>> = {
  user: userinfoAudience,
  client: managementApiAudience,
};

/**
 * Refuses an `audience` the tenant does not serve to this holder, in Auth0's words for an API it does
 * not know. An API that is not the tenant's is refused rather than ignored: an application asking for
 * a token to its own API would otherwise get a /userinfo token its API rejects, with nothing saying
 * why. Without an audience the token is for what SERVED names.
 */
export function checkAudience(tenantUrl: string, holder: TokenHolder, audience: string | undefined): void {
  checkAudienceAtAny([tenantUrl], holder, audience);
}

/**
 * checkAudience where the audience may name the API at any of `tenantUrls`: a user grant redeemed at
 * /oauth/token is issued under the URL of its login, which need not be this request's
 * (grant_tenant_url.ts), so its /userinfo at any URL the tenant is reached at is the tenant's own.
 * Accepted, such an audience does not choose the token's: the token is issued for the /userinfo of
 * the login's URL whichever of them was named (issue_user_tokens.ts), and /userinfo at each of the
 * tenant's URLs takes it (userinfo_endpoint.ts), so it works wherever the application calls.
 */
export function checkAudienceAtAny(tenantUrls: readonly string[], holder: TokenHolder, audience: string | undefined): void {
  if (audience !== undefined && !tenantUrls.some((tenantUrl) => audience === SERVED[holder](tenantUrl))) {
    throw new AccessDeniedError(`Service not found: ${audience}${holder === 'client' ? servedToClients(tenantUrls) : ''}`);
  }
}

/**
 * After Auth0's words, the audience a client_credentials request must name: the one a script
 * misses by a trailing slash or a scheme is then plain to see. It is no secret: every tenant's
 * Management API is at the same path of its URL.
 */
function servedToClients(tenantUrls: readonly string[]): string {
  const served = tenantUrls.map((tenantUrl) => `"${managementApiAudience(tenantUrl)}"`).join(' or ');
  return `. The one API this tenant serves to client_credentials is its Management API, audience ${served}`;
}
