import { userGrantId } from '../../domain/user_grants.js';
import type { User, UserGrant } from '../../domain/types.js';

/**
 * A user's grant to a third-party application as Auth0's /api/v2/grants shows it: `clientID` spelt
 * as Auth0 spells it there. The audience is the tenant's /userinfo: what the person allows on the
 * consent page is what the id_token and /userinfo tell the application.
 */
export function userGrantJson(user: Pick<User, 'tenant' | 'userId'>, grant: UserGrant, audience: string): Record<string, unknown> {
  return { id: userGrantId(user, grant), clientID: grant.clientId, user_id: user.userId, audience, scope: [...grant.scope] };
}
