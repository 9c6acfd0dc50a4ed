import { identityKey } from './identity_ids.js';
import { withIdentityLock, type LockTiming } from './identity_lock.js';
import type { LockStore, UserRepository } from './ports.js';
import { markNeedsReauthorization } from './identity_status.js';
import { readIdentity, withIdentity, type IdentityRef } from './stored_identity.js';
import type { Identity, User } from './types.js';
import { rewriteUser } from './user_updates.js';
import { revokeUpstreamGrant, type RevocationDeps, type RevocationOutcome } from './upstream_revocation.js';
import type { VaultMetrics } from './vault_metrics.js';

/**
 * Deleting a user and unlinking an identity: the tokens leave the store first (so no reader can get
 * them any more), then the upstream grant is revoked, best effort. Both hold the identity's refresh
 * lock while they change the store, so a refresh running at the same time cannot write tokens back.
 */

export interface RemovalDeps extends RevocationDeps {
  users: UserRepository;
  locks: LockStore;
  timing: LockTiming;
  /** Told when an unlink leaves an identity needing reauthorization; none when absent. */
  metrics?: Pick<VaultMetrics, 'needsReauthorization'>;
}

/** Per identity (identityKey: "connection|upstream id"): what the upstream revocation did. */
export type RevocationReport = Record<string, RevocationOutcome>;

/** Undefined when the user does not exist. */
export async function deleteUserAndRevoke(deps: RemovalDeps, tenant: string, userId: string): Promise<RevocationReport | undefined> {
  const user = await deps.users.get(tenant, userId);
  if (!user) return undefined;
  const removed = await holdingLocks(deps, user, user.identities, async () => {
    const current = await deps.users.get(tenant, userId);
    if (!current) return undefined;
    await deps.users.delete(tenant, userId);
    return current;
  });
  if (!removed) return undefined;
  return revokeAll(deps, tenant, removed.identities);
}

/**
 * The user as stored after the unlink, and what the upstream revocation did. Another identity is
 * removed from the user. The user's only identity is kept without its tokens, as needing
 * reauthorization (`unlinked`): the user's id is made from it, so removing it would leave a user that
 * the same upstream account could never log in to again (its next login would collide with the id).
 */
export async function unlinkIdentityAndRevoke(
  deps: RemovalDeps,
  ref: IdentityRef,
): Promise<{ user: User; revocations: RevocationReport }> {
  const { user, identity } = await withIdentityLock(deps.locks, ref, deps.timing, () => rewriteUser(deps.users, ref, async () => {
    const current = await readIdentity(deps.users, ref);
    const now = new Date();
    const onlyIdentity = current.user.identities.length === 1;
    const remaining: User = onlyIdentity
      ? withIdentity(current.user, markNeedsReauthorization(current.identity, 'unlinked', now), now)
      : {
          ...current.user,
          identities: current.user.identities.filter((candidate) => candidate !== current.identity),
          updatedAt: now.toISOString(),
        };
    const stored = await deps.users.update(remaining);
    if (onlyIdentity && current.identity.status !== 'needs_reauthorization') {
      deps.metrics?.needsReauthorization(ref.tenant, ref.connection, 'unlinked');
    }
    return { user: stored, identity: current.identity };
  }));
  return { user, revocations: await revokeAll(deps, ref.tenant, [identity]) };
}

async function holdingLocks<T>(deps: RemovalDeps, user: User, identities: Identity[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = identities;
  if (!first) return work();
  const ref = { tenant: user.tenant, userId: user.userId, connection: first.connection, upstreamUserId: first.userId };
  return withIdentityLock(deps.locks, ref, deps.timing, () => holdingLocks(deps, user, rest, work));
}

async function revokeAll(deps: RemovalDeps, tenant: string, identities: Identity[]): Promise<RevocationReport> {
  const outcomes = await Promise.all(identities.map((identity) => revokeUpstreamGrant(deps, tenant, identity)));
  return Object.fromEntries(identities.map((identity, index) => [identityKey(identity), outcomes[index]!]));
}
