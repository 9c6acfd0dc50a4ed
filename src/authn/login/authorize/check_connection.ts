import { InvalidRequestError } from '../../../errors/index.js';
import type { Connection } from '../../../domain/types.js';
import { connectionNotEnabled } from '../../connection_not_enabled.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';

/**
 * The connections the user may log in with: enabled for this client and served by an installed
 * plugin. A named connection must be one of them; without one, the Universal Login page lists them.
 */
export const checkConnection: AuthorizeCheck = async (ctx, deps) => {
  const client = clientOf(ctx);
  const usable = (connection: Connection): boolean =>
    connection.enabledClients.includes(client.clientId) && deps.strategies.has(connection.strategy);

  const name = ctx.params.connection;
  if (name !== undefined) {
    const connection = await deps.connections.getByName(ctx.tenant.name, name);
    if (!connection || !usable(connection)) {
      // An application ported from Auth0 names Auth0's connection ("google-oauth2"): saying which it
      // may name tells no more than the login page it would get without `connection` lists.
      const enabled = (await deps.connections.list(ctx.tenant.name)).filter(usable);
      throw new InvalidRequestError(`${connectionNotEnabled(name)} ${enabled.length === 0 ? NONE_ENABLED : enabledOnes(enabled)}`);
    }
    ctx.connection = connection;
    ctx.enabledConnections = [connection];
    return;
  }

  ctx.enabledConnections = (await deps.connections.list(ctx.tenant.name)).filter(usable);
  if (ctx.enabledConnections.length === 0) throw new InvalidRequestError(NONE_ENABLED);
};

const NONE_ENABLED =
  "No connection is enabled for this application; an administrator can enable one in the dashboard, in the application's Connections section or on the connection's Applications tab.";

function enabledOnes(enabled: readonly Connection[]): string {
  const names = enabled.map((connection) => `"${connection.name}"`).join(', ');
  return enabled.length === 1 ? `The connection it may use is ${names}.` : `The connections it may use are ${names}.`;
}
