import { hearsOfEndedSessions, type SessionEndPlace } from '../../domain/ended_sessions.js';
import { startBackchannelLogout, type BackchannelLogoutDeps } from './backchannel_logout.js';

/** A page of the tenant's clients; tenants have tens of them, not thousands. */
const CLIENTS_PER_PAGE = 100;

/**
 * Back-channel logout for every session of a user ended at once (domain/ended_sessions.ts). fitgate
 * keeps no index of a user's sessions, so it can name none of them (no `sid`): each application of
 * the tenant that asked to hear of it (hearsOfEndedSessions) is sent one logout token with `sub` and
 * no `sid`, which Back-Channel Logout §2.4 defines as every session of that user at that application.
 * Waits for the list of applications only; the tokens go out in the background, as a logout's do
 * (backchannel_logout.ts).
 */
export async function startBackchannelLogoutEverywhere(deps: BackchannelLogoutDeps, place: SessionEndPlace, userId: string): Promise<void> {
  const clients: string[] = [];
  for (let page = 0, seen = 0; ; page += 1) {
    const { items, total } = await deps.store.clients.list(place.tenant.name, { page, perPage: CLIENTS_PER_PAGE });
    seen += items.length;
    clients.push(...items.filter(hearsOfEndedSessions).map((client) => client.clientId));
    if (items.length === 0 || seen >= total) break;
  }
  startBackchannelLogout(deps, place, { userId, clients });
}
