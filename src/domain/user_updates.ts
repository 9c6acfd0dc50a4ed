import { NotFoundInStoreError, StaleRecordError, type UserRepository } from './ports.js';
import type { User } from './types.js';

/** Reads before giving up; each lost race means another write to the same user landed meanwhile. */
const MAX_ATTEMPTS = 10;

/** The revision a store writes for `user`: one past the revision it was read at. */
export function nextRevision(user: User): User {
  return { ...user, revision: (user.revision ?? 0) + 1 };
}

/** Whether `stored` is still the record `user` was computed from. */
export function isSameRevision(stored: User, user: User): boolean {
  return (stored.revision ?? 0) === (user.revision ?? 0);
}

/**
 * Reads the user, applies `change` and stores the result; when another write landed in between
 * (StaleRecordError), reads again and applies `change` to that, so both writes count. `change` may
 * run several times and must only compute. Throws NotFoundInStoreError when there is no such user.
 */
export async function updateUser(
  users: Pick<UserRepository, 'get' | 'update'>,
  tenant: string,
  userId: string,
  change: (current: User) => User,
): Promise<User> {
  return retryStale(async () => {
    const current = await users.get(tenant, userId);
    if (!current) throw new NotFoundInStoreError(`user ${userId}`);
    return users.update(change(current));
  });
}

/** Runs `attempt` (a read, then a write from it) again while its write finds the record changed. */
export async function retryStale<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleRecordError) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
}
