import { exactLogoutUrlKey, logoutUrlKey, redirectUrlProblem } from '../../domain/application_urls.js';
import { tenantLogoutUrlProblem, tenantLogoutUrlsOf } from '../../domain/tenant_logout_urls.js';
import type { Tenant } from '../../domain/types.js';
import type { LogoutClient } from './logout_client.js';

/**
 * How a return address is compared with the allowed logout URLs, which depends on the endpoint, as
 * at Auth0:
 * - `path` (/v2/logout): the query and fragment are left out of the comparison. Auth0 documents for
 *   Allowed Logout URLs that "query strings and hash information are not taken into account" there
 *   (an app returns to `/?loggedOut=1`); scheme, host, port and path still match exactly
 *   (logoutUrlKey), so this opens no redirect to another page;
 * - `exact` (/oidc/logout): the whole post_logout_redirect_uri, query included, must be one that
 *   was registered: RP-Initiated Logout 1.0 §3 asks for a previously registered value, and Auth0
 *   compares the query on this endpoint. A value for the application to get back goes in `state`.
 * Both read an empty http(s) path as "/" (RFC 3986 §6.2.3), so `http://localhost:4101` returns to
 * an allowed `http://localhost:4101/` at either endpoint, and the other way round (exactLogoutUrlKey).
 */
export type ReturnToComparison = 'path' | 'exact';

/**
 * Whose allowed logout URLs a return address is checked against: the application the request names
 * (or why it cannot be trusted), or, when it names none at all (no client_id, no id_token_hint), the
 * tenant's own list, as Auth0 checks such a request against its tenant-level Allowed Logout URLs.
 */
export type ReturnToOwner = LogoutClient | { tenant: Tenant };

/** Why the browser may not go to returnTo, in words for the person; undefined when it may. */
export function refuseReturnTo(returnTo: string, owner: ReturnToOwner, comparison: ReturnToComparison): string | undefined {
  if ('problem' in owner) return owner.problem;
  const urls = 'tenant' in owner ? tenantLogoutUrlsOf(owner.tenant) : owner.client.allowedLogoutUrls;
  const allowed = matchingLogoutUrl(returnTo, urls, comparison);
  if (allowed === undefined) return notListed(returnTo, urls, owner, comparison);
  // Saved before the application URL rule existed: registered, yet never followed.
  const problem = 'tenant' in owner ? tenantLogoutUrlProblem(allowed) : redirectUrlProblem(allowed, owner.client.appType);
  if (problem) {
    return 'tenant' in owner
      ? `The return address registered in this service's own allowed logout URLs is no longer accepted (it ${problem}). An administrator must replace it in the tenant settings.`
      : `The return address registered for ${owner.client.name} is no longer accepted (it ${problem}). Its administrator must replace it in the application's settings.`;
  }
  return undefined;
}

function matchingLogoutUrl(returnTo: string, urls: readonly string[], comparison: ReturnToComparison): string | undefined {
  const keyOf = comparison === 'exact' ? exactLogoutUrlKey : logoutUrlKey;
  const key = keyOf(returnTo);
  return key === undefined ? undefined : urls.find((url) => keyOf(url) === key);
}

function notListed(returnTo: string, urls: readonly string[], owner: { client: { name: string } } | { tenant: Tenant }, comparison: ReturnToComparison): string {
  if ('tenant' in owner) {
    return "The application did not say which application it is (client_id), and the return address is not one of this service's own allowed logout URLs. An administrator can add it to the tenant settings, or the application can send its client_id.";
  }
  const notAllowed = `The return address is not one of the allowed logout URLs of ${owner.client.name}.`;
  // /v2/logout would have followed it: say how it differs and why that counts here, without naming the registered address.
  const nearly = comparison === 'exact' ? nearMiss(returnTo, urls) : undefined;
  if (nearly === 'query') {
    return `${notAllowed} It differs from one only in its query or fragment, and this sign-out address compares the whole address: the application can send the registered address and carry a value back in state.`;
  }
  if (nearly === 'spelling') {
    return `${notAllowed} It matches one only when read as a browser reads it (it is written differently, such as in letter case, a default port, a dot segment or percent-encoding, perhaps in its query too), and this sign-out address compares the whole address as written: the application can send the registered address exactly and carry a value back in state.`;
  }
  return `${notAllowed} Its administrator can add it in the application's settings.`;
}

/**
 * How a return address /oidc/logout refused differs from an allowed one that /v2/logout would
 * have accepted: only in its query or fragment (the address as written up to them is the same, an
 * empty path being "/"), or in its spelling (the parser's reading is the same, not the characters).
 * Undefined when /v2/logout would refuse it too.
 */
function nearMiss(returnTo: string, urls: readonly string[]): 'query' | 'spelling' | undefined {
  if (matchingLogoutUrl(returnTo, urls, 'path') === undefined) return undefined;
  const upToQuery = (value: string) => exactLogoutUrlKey(value)?.replace(/[?#].*$/s, '');
  const sent = upToQuery(returnTo);
  return urls.some((url) => upToQuery(url) === sent) ? 'query' : 'spelling';
}
