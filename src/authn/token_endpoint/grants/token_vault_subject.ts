import { isNamedBy } from '../../../domain/identity_ids.js';
import type { Identity, User } from '../../../domain/types.js';
import { USER_BLOCKED } from '../../../domain/users.js';
import { consentStands } from '../../../domain/user_grants.js';
import { InvalidGrantError } from '../../../errors/index.js';
import { isGrantOfEarlierUser } from '../../tokens/earlier_user.js';
import { refusedRefreshToken, type RefreshTokenRecord } from '../../tokens/refresh_tokens.js';
import type { TokenRequest } from '../token_request.js';

/**
 * Whose upstream token a Token Vault exchange hands out: the user of the refresh token, judged as a
 * refresh is (issue_user_tokens.ts: gone, blocked, a deleted user whose id signed up again, or a
 * third-party client's grant revoked since are refused), and that user's identity on the
 * connection; with a login_hint, the identity that id names there (its upstream id, or its id at
 * the upstream's previous API). A user without one is
 * invalid_grant: this grant has nothing to give for them. The hint is never repeated in the answer,
 * which the tenant's log keeps.
 */
export async function tokenVaultSubject(
  request: Pick<TokenRequest, 'deps' | 'context' | 'client'>,
  record: RefreshTokenRecord,
  connection: string,
  loginHint: string | undefined,
): Promise<{ user: User; identity: Identity }> {
  const user = await request.deps.store.users.get(request.context.tenant.name, record.userId);
  if (!user) throw new InvalidGrantError('the user of this grant no longer exists');
  const grant = { authTime: record.authTime, ...(record.userCreatedAt === undefined ? {} : { userCreatedAt: record.userCreatedAt }) };
  if (isGrantOfEarlierUser(user, grant)) throw refusedRefreshToken();
  if (user.blocked === true) throw new InvalidGrantError(USER_BLOCKED);
  // A third-party client's refresh token proves nothing once the user's grant to it is revoked.
  if (!consentStands(request.client, user, { consentGrantId: record.consentGrantId, scope: record.scope })) throw refusedRefreshToken();
  const identity = user.identities.find(
    (candidate) => candidate.connection === connection && (loginHint === undefined || isNamedBy(candidate, connection, loginHint)),
  );
  if (!identity) {
    const which = loginHint === undefined ? '' : ' named by the login_hint';
    throw new InvalidGrantError(`The user has no identity${which} on the connection "${connection}".`);
  }
  return { user, identity };
}
