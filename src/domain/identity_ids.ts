import type { Identity } from './types.js';

/**
 * The one rule for which upstream ids name an identity, read by the store (what findByIdentity
 * indexes: store/user_indexing.ts) and by the login (which identity of the user found is the one
 * logging in: user_migration.ts). The two must agree, or the store finds a user whose identity the
 * login then cannot find.
 */

/** Every upstream id of the identity's connection that names it: its own, and its id at the upstream's previous API. */
export function idsOf(identity: Pick<Identity, 'userId' | 'legacyUserId'>): string[] {
  return [identity.userId, identity.legacyUserId].filter((id): id is string => typeof id === 'string' && id !== '');
}

/** Whether `upstreamUserId` of `connection` names this identity. */
export function isNamedBy(identity: Pick<Identity, 'connection' | 'userId' | 'legacyUserId'>, connection: string, upstreamUserId: string): boolean {
  return identity.connection === connection && idsOf(identity).includes(upstreamUserId);
}

/**
 * "<connection>|<upstream id>": an identity's key among the user's, as the Management API matches
 * upstream tokens to identities and as a deletion reports each identity's revocation
 * (`upstream_revocation`, which the log keeps).
 */
export function identityKey(identity: Pick<Identity, 'connection' | 'userId'>): string {
  return `${identity.connection}|${identity.userId}`;
}
