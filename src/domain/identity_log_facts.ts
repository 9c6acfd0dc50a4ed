import type { IdentityRef } from './stored_identity.js';

/** Which identity a vault log line is about, in the log's names. */
export interface IdentityLogFacts {
  readonly tenant: string;
  readonly connection: string;
  readonly user_id: string;
}

/**
 * The facts every token vault line about one identity begins with. A connection's name and a
 * user's id are unique only within their tenant, so a line without the tenant cannot be traced to
 * a connection to fix or a user to tell, on an instance serving several. The request id is not
 * among them: a refresh is shared by every request that asks for the identity's token meanwhile,
 * and may outlive the one that started it.
 */
export function identityLogFacts(ref: IdentityRef): IdentityLogFacts {
  return { tenant: ref.tenant, connection: ref.connection, user_id: ref.userId };
}
