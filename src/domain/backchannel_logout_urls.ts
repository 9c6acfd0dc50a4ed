import type { Client } from './types.js';

/**
 * Auth0 takes one back-channel logout URL per application, in its dashboard and its Management API;
 * fitgate's API (client_schemas.ts) and dashboard hold the same limit, in the same words. Each URL
 * follows the rule of URLs fitgate calls itself (calledUrlProblem in application_urls.ts), and where
 * it is written, the written form of the other application URLs too (writtenCalledUrlProblem).
 */
export const MAX_BACKCHANNEL_LOGOUT_URLS = 1;
export const TOO_MANY_BACKCHANNEL_LOGOUT_URLS = 'Only one back-channel logout URL is allowed';

/**
 * `client` with its back-channel logout URLs replaced by `urls`, for a form that shows the URL but not
 * the initiators: initiators set through the Management API are kept, and `oidc_logout` is removed
 * only when neither URL nor initiators are left, as a PATCH of an empty URL list removes it.
 */
export function withBackchannelLogoutUrls(client: Client, urls: readonly string[]): Client {
  const { oidcLogout, ...rest } = client;
  const initiators = oidcLogout?.backchannelLogoutInitiators;
  if (urls.length === 0 && initiators === undefined) return rest;
  return { ...rest, oidcLogout: { backchannelLogoutUrls: [...urls], ...(initiators && { backchannelLogoutInitiators: initiators }) } };
}
