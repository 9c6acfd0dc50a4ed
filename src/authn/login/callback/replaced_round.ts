import type { Request } from 'express';
import type { Store } from '../../../store/store.js';
import { asStoreUnavailable } from '../../../store/store_unavailable.js';
import { isUpstreamState } from '../../../upstream/round_trip_records.js';
import { readLoginTransaction } from '../login_transaction.js';
import { pendingLoginStates } from '../pending_login_cookie.js';
import { returnLinkOf } from './return_link.js';
import { usedStateHash } from './used_state_hash.js';

/** What the page for a round that was sent back says (sent_back_page.ts). */
export interface ReplacedRound {
  readonly clientName: string;
  /** Where the page's link returns to (return_link.ts); absent when the client has no such place. */
  readonly returnTo?: string;
  /** The upstream the login carries on at, as its plugin names it ("Google"). */
  readonly upstream: string;
}

/**
 * When the callback's `state` names a round the callback sent back to its upstream for a refresh
 * token (send_back_for_refresh_token.ts) and this browser has that login's second round in flight
 * at this tenant: what the page says of it. The person came back to the first round's callback (the
 * back button from the upstream's second page, or its first page allowed again), whose state was
 * used up. The second round is read, never taken: it stays this browser's to finish. Undefined for
 * any other state, for a client deleted meanwhile, and when the store cannot answer: the refusal of
 * a used state stands then.
 */
export async function replacedRoundOf(store: Pick<Store, 'ephemeral' | 'clients'>, req: Request): Promise<ReplacedRound | undefined> {
  const state = req.query.state;
  if (!isUpstreamState(state)) return undefined;
  const replaced = usedStateHash(state);
  const tenant = req.context.tenant.name;
  try {
    // Only this browser's logins are read, a few at most (pendingLoginStates), and only for a state that is no longer one of them.
    const inFlight = await Promise.all(pendingLoginStates(req).map((pending) => readLoginTransaction(store.ephemeral, pending)));
    const second = inFlight.find((login) => login?.tenant === tenant && login.replacedRound?.state === replaced);
    if (!second?.replacedRound) return undefined;
    const client = await store.clients.get(tenant, second.clientId);
    if (!client) return undefined;
    const returnTo = returnLinkOf(client, second.redirectUri);
    return { clientName: client.name, upstream: second.replacedRound.upstream, ...(returnTo !== undefined ? { returnTo } : {}) };
  } catch (caught) {
    if (asStoreUnavailable(caught)) return undefined;
    throw caught;
  }
}
