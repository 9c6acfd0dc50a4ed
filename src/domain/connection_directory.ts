import { ConflictError } from '../errors/index.js';
import { AlreadyExistsError, type ConnectionRepository } from './ports.js';
import type { Connection } from './types.js';

/**
 * The tenant's connections as both surfaces create and find them (the Management API's POST
 * /connections, the dashboard's first save of a plugin's settings), so that neither keeps a rule
 * the other breaks.
 *
 * The rule: one connection per strategy in a tenant. A user's id is `<strategy>|<upstream id>`
 * (domain/users.ts), so one upstream account signing in through two connections of one strategy
 * would meet its own user under the other connection, and fail. Auth0's Management API allows
 * several connections of one social strategy (its dashboard shows one); fitgate refuses the second
 * on every surface. Two creations racing each other may both pass the check; the second
 * connection's logins of people the first already holds then fail, and deleting it is the remedy.
 */

/** Auth0's words for a name the tenant already has (POST /api/v2/connections answers them in a 409). */
export const NAME_TAKEN_MESSAGE = 'A connection with the same name already exists';

/** What a refused creation collided with, for a surface to name it; undefined when it was gone by the time it was looked up. */
export type ConnectionHolder = Pick<Connection, 'id' | 'name' | 'strategy'>;

/**
 * A creation the tenant's connections refuse, as a 409 `connection_conflict`: `name_taken` (the
 * name is another connection's, of any strategy) or `strategy_taken` (the tenant has a connection
 * of this strategy under another name).
 */
export class ConnectionConflictError extends ConflictError {
  constructor(
    readonly rule: 'name_taken' | 'strategy_taken',
    readonly holder: ConnectionHolder | undefined,
    message: string,
  ) {
    super(message, 'connection_conflict');
  }
}

/**
 * The connection of `strategy` among `connections`: the one named like the strategy ("fitbit"),
 * else the first of that strategy. With the rule kept there is at most one; the name decides for a
 * tenant that has two from before the rule (or from a race), so every page shows the same one.
 */
export function connectionOfStrategyIn<C extends Pick<Connection, 'name' | 'strategy'>>(connections: readonly C[], strategy: string): C | undefined {
  const ofStrategy = connections.filter((connection) => connection.strategy === strategy);
  return ofStrategy.find((connection) => connection.name === strategy) ?? ofStrategy[0];
}

/** The tenant's connection of `strategy` (connectionOfStrategyIn), undefined when it has none. */
export async function connectionOfStrategy(connections: Pick<ConnectionRepository, 'getByName' | 'list'>, tenant: string, strategy: string): Promise<Connection | undefined> {
  // A read by name first: the usual case, one record, served from the store's cache.
  const named = await connections.getByName(tenant, strategy);
  if (named?.strategy === strategy) return named;
  return connectionOfStrategyIn(await connections.list(tenant), strategy);
}

/**
 * Stores `connection` (built by newConnection) under the rule above. Throws ConnectionConflictError
 * when the tenant has a connection of its strategy under another name, or when its name is taken:
 * the name is checked by the store's create, so a creation racing this one is refused too.
 */
export async function createConnection(connections: Pick<ConnectionRepository, 'create' | 'getByName' | 'list'>, connection: Connection): Promise<void> {
  const { tenant, strategy, name } = connection;
  const existing = await connectionOfStrategy(connections, tenant, strategy);
  // The same name is the name conflict below, answered in Auth0's words. Compared exactly, as both
  // stores key a name (case-sensitive): `Fitbit` beside `fitbit` is a second connection.
  if (existing && existing.name !== name) {
    throw new ConnectionConflictError(
      'strategy_taken',
      holderOf(existing),
      `The tenant already has a ${strategy} connection ("${existing.name}", ${existing.id}): fitgate keeps one connection per strategy in a tenant. Change that one with PATCH, or delete it first.`,
    );
  }
  try {
    await connections.create(connection);
  } catch (error) {
    // The `con_` id is fresh, so only the name can be taken.
    if (!(error instanceof AlreadyExistsError)) throw error;
    const holder = await connections.getByName(tenant, name);
    throw new ConnectionConflictError('name_taken', holder && holderOf(holder), NAME_TAKEN_MESSAGE);
  }
}

function holderOf(connection: Connection): ConnectionHolder {
  return { id: connection.id, name: connection.name, strategy: connection.strategy };
}
