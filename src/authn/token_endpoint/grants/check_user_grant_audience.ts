import { tenantUrlsServed } from '../../../domain/tenants.js';
import { checkAudienceAtAny } from '../../tokens/audience_check.js';
import type { TokenRequest } from '../token_request.js';

/**
 * The `audience` a user grant (authorization_code, refresh_token) may name: the /userinfo of any URL
 * the tenant is reached at now (tenantUrlsServed), since the tokens are issued under the URL of the
 * login (grant_tenant_url.ts), not necessarily this request's host, and /userinfo at any of the
 * tenant's hosts takes them. Any other API, another tenant's /userinfo or a domain the tenant gave
 * up among them, is access_denied "Service not found" (audience_check.ts). Most requests name no
 * audience, so the tenant's URLs are listed only for one that does.
 */
export function checkUserGrantAudience(request: Pick<TokenRequest, 'deps' | 'context' | 'params'>): void {
  const { audience } = request.params;
  if (audience === undefined) return;
  checkAudienceAtAny(tenantUrlsServed(request.deps.config, request.context), 'user', audience);
}
