import type { UserRepository } from './ports.js';
import type { Identity, User } from './types.js';
import { rewriteUser } from './user_updates.js';
import { IdentityNotFoundError } from './vault_errors.js';

/** Names one identity of one user: the connection it came through and the upstream's user id. */
export interface IdentityRef {
  tenant: string;
  userId: string;
  connection: string;
  upstreamUserId: string;
}

function findIdentity(user: User, ref: Pick<IdentityRef, 'connection' | 'upstreamUserId'>): Identity | undefined {
  return user.identities.find(
    (identity) => identity.connection === ref.connection && identity.userId === ref.upstreamUserId,
  );
}

/** The user and the identity as stored now; IdentityNotFoundError when either is gone. */
export async function readIdentity(users: UserRepository, ref: IdentityRef): Promise<{ user: User; identity: Identity }> {
  const user = await users.get(ref.tenant, ref.userId);
  if (!user) throw new IdentityNotFoundError('user', 'The user does not exist.');
  const identity = findIdentity(user, ref);
  if (!identity) {
    throw new IdentityNotFoundError('identity', `The user has no ${ref.connection} identity with user_id ${ref.upstreamUserId}.`);
  }
  return { user, identity };
}

/** The user with one identity replaced, ready to store. */
export function withIdentity(user: User, replacement: Identity, now: Date): User {
  return {
    ...user,
    identities: user.identities.map((identity) =>
      identity.connection === replacement.connection && identity.userId === replacement.userId ? replacement : identity,
    ),
    updatedAt: now.toISOString(),
  };
}

/** A stable key for one identity: lock names, back-off records, in-process coalescing. */
export function identityKey(ref: IdentityRef): string {
  return [ref.tenant, ref.userId, ref.connection, ref.upstreamUserId].map(encodeURIComponent).join(':');
}

/**
 * Re-reads the user and stores `change` applied to the identity as it is now. Changes made to the
 * user while an upstream call was in flight (a PATCH of its name, a login) are kept instead of being
 * overwritten by the copy read before the call. Returns the identity as stored. `change` may run
 * several times and must only compute; returning the identity it was given writes nothing.
 */
export async function updateIdentity(
  users: UserRepository,
  ref: IdentityRef,
  change: (identity: Identity) => Identity,
  now: Date,
): Promise<Identity> {
  return rewriteUser(users, ref, async () => {
    const { user, identity } = await readIdentity(users, ref);
    const changed = change(identity);
    if (changed !== identity) await users.update(withIdentity(user, changed, now));
    return changed;
  });
}
