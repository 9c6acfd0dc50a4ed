import { isNamedBy } from './identity_ids.js';
import type { UserRepository } from './ports.js';
import type { Identity, User } from './types.js';
import type { UpstreamLogin } from './user_login.js';

/** The user a login belongs to, and whether this login moves them from the upstream's previous API to its current one. */
export interface LoginOwner {
  user: User;
  identity: Identity;
  /** The identity as it was under the previous API, before this login migrated it (its tokens are to be revoked). */
  migratedFrom?: Identity;
}

/**
 * Finds the existing owner of a login. A login first looks for its own id; failing that, the
 * previous id its upstream reports (Google Health's legacyUserId) finds the user who logged in
 * through the connection's earlier API, who stays the same user (same user_id, so the same `sub`)
 * with the identity moved to this login's API. Undefined for a first login. The rule names no API:
 * an identity found through a previous id and kept under another API is what migrates.
 */
export async function findLoginOwner(
  users: Pick<UserRepository, 'findByIdentity'>,
  login: UpstreamLogin,
): Promise<LoginOwner | undefined> {
  const connection = login.connection.name;
  const direct = await users.findByIdentity(login.tenant, connection, login.upstreamUserId);
  if (direct) return { user: direct, identity: identityOf(direct, connection, login.upstreamUserId) };

  if (login.legacyUserId === undefined) return undefined;
  const legacy = await users.findByIdentity(login.tenant, connection, login.legacyUserId);
  if (!legacy) return undefined;
  const identity = identityOf(legacy, connection, login.legacyUserId);
  return identity.api !== login.connection.options.api ? { user: legacy, identity, migratedFrom: identity } : { user: legacy, identity };
}

/** The move a login of `owner` makes from the upstream's previous API to the connection's, when it makes one. */
export interface LoginMove {
  legacyUserId: string;
  fromApi: string;
  toApi: string;
}

/** What recordLogin reports as its `migration` (without the grant to revoke), and TRY predicts from the same owner. */
export function moveOf(owner: LoginOwner, login: UpstreamLogin): LoginMove | undefined {
  if (!owner.migratedFrom) return undefined;
  return { legacyUserId: owner.migratedFrom.userId, fromApi: owner.migratedFrom.api, toApi: login.connection.options.api };
}

function identityOf(user: User, connection: string, upstreamUserId: string): Identity {
  // By the rule the store found the user by (identity_ids.ts).
  const identity = user.identities.find((candidate) => isNamedBy(candidate, connection, upstreamUserId));
  // findByIdentity promised this user has it; a store that breaks the promise is a bug to surface.
  if (!identity) throw new Error(`user ${user.userId} has no identity ${connection}/${upstreamUserId}`);
  return identity;
}
