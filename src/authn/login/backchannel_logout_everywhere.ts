import { hearsOfEndedSessions, logoutIssuerUrls, type SessionEndPlace } from '../../domain/ended_sessions.js';
import { sendBackchannelLogout, type BackchannelLogoutDeps } from './backchannel_logout.js';

/** A page of the tenant's clients; tenants have tens of them, not thousands. */
const CLIENTS_PER_PAGE = 100;

/**
 * Tells the applications of a place that asked that all of a user's sessions ended (ended_sessions.ts's
 * tellApplications); `signInUrls` is where the ended sign-ins were made, as the end found the user record.
 */
export type AnnounceEndedSessions = (place: SessionEndPlace, userId: string, signInUrls?: readonly string[]) => Promise<void>;

/**
 * Back-channel logout for every session of a user ended at once (domain/ended_sessions.ts). fitgate
 * keeps no index of a user's sessions, so it can name none of them (no `sid`): each application of
 * the tenant that asked to hear of it (hearsOfEndedSessions) is sent one logout token with `sub` and
 * no `sid`, which Back-Channel Logout §2.4 defines as every session of that user at that application.
 * An announcement waits for the list of applications only; the tokens go out in the background,
 * through the process's bounded queue, as a logout's do (backchannel_logout.ts).
 *
 * The tokens are issued under the URLs the ended sign-ins were made at (logoutIssuerUrls), not the
 * host the end was asked on: an application that signed its user in at one of the tenant's own
 * domains checks `iss` against that domain's issuer. A user signed in at two of the tenant's hosts
 * gets each application one token per host, since fitgate does not know which host each
 * application uses; the application refuses the one whose `iss` is not its own.
 *
 * Built once per app. Announcements of one user at one issuer are merged while one is under way
 * (from the listing to the last token's answer or drop): a second end meanwhile tells the
 * applications nothing the first does not, since a token without `sid` ends every session of the user
 * the application holds when it arrives, and a Management credential calling again and again would
 * otherwise multiply the sends. The end itself (the user's new sessionsEndedAt) is still written each
 * time by the caller. The one thing not told again is a sign-in at an application between the first
 * token's arrival there and the second end; fitgate's own session of it still ends. The issuer is in
 * the key because a token from another one (the dashboard's NAME.<base host> beside an own domain)
 * is not the same news to an application that checks `iss`.
 */
export function backchannelLogoutEverywhere(deps: BackchannelLogoutDeps): AnnounceEndedSessions {
  /** The announcements under way; each leaves once its sends ended, so this stays as small as the queue. */
  const underWay = new Set<string>();
  return async (place, userId, signInUrls) => {
    const announcements = logoutIssuerUrls(deps.config, place, signInUrls)
      .map((tenantUrl) => ({ tenantUrl, key: `${place.tenant.name}\u0000${tenantUrl}\u0000${userId}` }))
      .filter(({ key }) => !underWay.has(key));
    if (announcements.length === 0) return;
    for (const { key } of announcements) underWay.add(key);
    let clients: string[];
    try {
      clients = await subscribedClients(deps, place.tenant.name);
    } catch (error) {
      for (const { key } of announcements) underWay.delete(key);
      throw error;
    }
    for (const { tenantUrl, key } of announcements) {
      void sendBackchannelLogout(deps, { tenant: place.tenant, tenantUrl }, { userId, clients }).then(() => underWay.delete(key));
    }
  };
}

/** The tenant's clients that asked to hear of ended sessions. */
async function subscribedClients(deps: BackchannelLogoutDeps, tenant: string): Promise<string[]> {
  const clients: string[] = [];
  for (let page = 0, seen = 0; ; page += 1) {
    const { items, total } = await deps.store.clients.list(tenant, { page, perPage: CLIENTS_PER_PAGE });
    seen += items.length;
    clients.push(...items.filter(hearsOfEndedSessions).map((client) => client.clientId));
    if (items.length === 0 || seen >= total) break;
  }
  return clients;
}
