import { NotFoundInStoreError, type UserRepository } from './ports.js';
import type { UserGrant } from './types.js';
import { findUserGrant, userGrantId, userIdOfGrant, withoutGrants } from './user_grants.js';
import { updateUser } from './user_updates.js';

/** A grant taken off its user's record. */
export interface RevokedUserGrant {
  readonly userId: string;
  readonly grant: UserGrant;
}

/**
 * Revokes the tenant's user grant `grantId` (DELETE /api/v2/grants/{id}, the dashboard's Revoke on a
 * user's page): the application asks again at the user's next login, and the codes and refresh
 * tokens issued under the grant are refused (consentStands). Decided on the user as stored when it
 * is written (updateUser), so of two revocations at once, on any worker, exactly one finds the grant.
 * Undefined when the tenant holds no such grant now: revoked already, an id fitgate never made, the
 * user gone, or another tenant's grant (its id names no grant of this tenant's user).
 */
export async function revokeUserGrant(
  users: Pick<UserRepository, 'get' | 'update'>,
  tenant: string,
  grantId: string,
): Promise<RevokedUserGrant | undefined> {
  const userId = userIdOfGrant(grantId);
  if (userId === undefined) return undefined;
  let revoked: UserGrant | undefined;
  try {
    await updateUser(users, tenant, userId, (user) => {
      // Set at every run: a retry after another write reads the grant afresh.
      revoked = findUserGrant(user, grantId);
      return revoked ? withoutGrants(user, (grant) => userGrantId(user, grant) === grantId) : user;
    });
  } catch (error) {
    if (error instanceof NotFoundInStoreError) return undefined;
    throw error;
  }
  return revoked && { userId, grant: revoked };
}
