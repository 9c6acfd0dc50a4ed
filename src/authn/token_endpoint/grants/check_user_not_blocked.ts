import type { UserRepository } from '../../../domain/ports.js';
import { USER_BLOCKED } from '../../../domain/users.js';
import { InvalidGrantError } from '../../../errors/index.js';

/** A blocked user's grants are refused at the token endpoint, as its logins are at the callback. */
export async function checkUserNotBlocked(users: Pick<UserRepository, 'get'>, tenant: string, userId: string): Promise<void> {
  const user = await users.get(tenant, userId);
  if (user?.blocked === true) throw new InvalidGrantError(USER_BLOCKED);
}
