import type { Connection } from '../../../domain/types.js';
import type { RevokeGrant } from '../../../domain/upstream_revocation.js';
import type { LoginResult } from '../../../domain/users.js';

/**
 * After a login that moved the user off the upstream's previous API (recordLogin has saved the new
 * tokens by now), revokes the grant of that API, at the upstream its identity names, the way every
 * stored grant is revoked (revokeSealedGrant). Best effort: a failure is logged and never fails the
 * login. True when the upstream accepted the revocation.
 */
export async function revokePreviousApiGrant(revokeGrant: RevokeGrant, connection: Connection, result: LoginResult): Promise<boolean> {
  const previous = result.migration?.revoke;
  if (!previous) return false;
  const context = { tenant: connection.tenant, connection: connection.name, userId: result.user.userId, reason: 'moved to another API' };
  return revokeGrant(connection, previous, context);
}
