import type { ConnectionRepository } from '../../domain/ports.js';
import type { User } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';

/**
 * Auth0's `connection` on PATCH /users/{id} names the identity an update is for (Auth0 needs it to
 * change a database user's email or password). A fitgate user's root attributes belong to the user,
 * whatever identity it logged in with, so naming one of the user's own connections changes nothing.
 * Any other is refused as Auth0 refuses it, rather than ignored: a connection the tenant does not have
 * is Auth0's 400 inexistent_connection, and one the user has no identity in is a 400 naming the field.
 */
export async function assertUsersConnection(connections: Pick<ConnectionRepository, 'getByName'>, user: User, name: string): Promise<void> {
  if (user.identities.some((identity) => identity.connection === name)) return;
  if (!(await connections.getByName(user.tenant, name))) throw new BadRequestError('The connection does not exist.', 'inexistent_connection');
  throw new BadRequestError(`Payload validation error: 'The user has no identity in connection ${name}' on property connection.`, 'invalid_body');
}
