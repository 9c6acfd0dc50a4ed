import { withSessionsEnded, type SessionEndDeps, type SessionEndPlace } from './ended_sessions.js';
import type { User } from './types.js';
import { updateUser } from './user_updates.js';

/**
 * A change an administrator makes to a user: PATCH /api/v2/users/{id} and the dashboard's Block /
 * Unblock both go through changeUser, so a block does the same whichever surface made it. A change
 * that blocks the user (not blocked before it, blocked after) ends their browser sessions in the same
 * write, for good: unblocking brings none back (domain/ended_sessions.ts). Blocking a blocked user
 * again ends nothing more. Once written, the applications that asked to hear of ended sessions are
 * told (back-channel logout), as DELETE /users/{id}/sessions tells them.
 *
 * `change` is applied to the user as stored when it is written (updateUser): a login landing
 * meanwhile is kept, and kept from undoing the change. It may run several times and must only
 * compute (or throw to refuse). Throws NotFoundInStoreError when there is no such user.
 */
export async function changeUser(
  deps: SessionEndDeps,
  place: SessionEndPlace,
  userId: string,
  change: (current: User, now: Date) => User,
  now = new Date(),
): Promise<User> {
  // Of the user as written (the change may run again on a fresher read): whether this write blocked
  // them, and where the sign-ins it ended were made.
  let blocks = false;
  let signInUrls: readonly string[] | undefined;
  const changed = await updateUser(deps.users, place.tenant.name, userId, (current) => {
    const next = change(current, now);
    blocks = current.blocked !== true && next.blocked === true;
    signInUrls = current.signInUrls;
    return blocks ? withSessionsEnded(next, now) : next;
  });
  if (blocks) await deps.tellApplications(place, userId, signInUrls);
  return changed;
}

/** The user blocked or unblocked, as PATCH /api/v2/users/{id} with `{"blocked": …}` leaves it (its `updatedAt` moved on). */
export function withBlocked(user: User, blocked: boolean, now: Date): User {
  return { ...user, blocked, updatedAt: now.toISOString() };
}
