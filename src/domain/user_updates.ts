import { KeyedQueue } from './keyed_queue.js';
import { NotFoundInStoreError, type UserRepository } from './ports.js';
import { retryStale } from './record_revisions.js';
import type { User } from './types.js';

/**
 * Reads the user, applies `change` and stores the result; when another write landed in between
 * (StaleRecordError), reads again and applies `change` to that, so both writes count. `change` may
 * run several times and must only compute; returning the user it was given writes nothing. Throws
 * NotFoundInStoreError when there is no such user, RecordBusyError when the retries ran out.
 */
export async function updateUser(
  users: Pick<UserRepository, 'get' | 'update'>,
  tenant: string,
  userId: string,
  change: (current: User) => User,
): Promise<User> {
  return rewriteUser(users, { tenant, userId }, async () => {
    const current = await users.get(tenant, userId);
    if (!current) throw new NotFoundInStoreError(`user ${userId}`);
    const next = change(current);
    return next === current ? current : users.update(next);
  });
}

/**
 * Per repository handle (a process opens one store; a test standing in for a second process opens
 * another), the users being written through it. Held weakly: a closed store takes its queue along.
 */
const turns = new WeakMap<object, KeyedQueue>();

/**
 * Runs `attempt` (a read of the user, then a write computed from it) in the user's turn. Inside one
 * process the writes of one user wait for each other instead of racing, so a burst of logins of one
 * account costs no refused write at all; a write that is alone starts at once. Across processes
 * they still race: see retryStale.
 */
export function rewriteUser<T>(
  users: Pick<UserRepository, 'update'>,
  user: { tenant: string; userId: string },
  attempt: () => Promise<T>,
): Promise<T> {
  let queue = turns.get(users);
  if (!queue) {
    queue = new KeyedQueue();
    turns.set(users, queue);
  }
  // Tenant names are DNS labels: no slash, so the key names one user.
  return queue.run(`${user.tenant}/${user.userId}`, () => retryStale(attempt));
}
