import type { Connection } from '../../domain/types.js';

/**
 * A connection in Auth0's shape. `client_secret` is write-only: it is never part of any answer.
 * The profile sync mode uses Auth0's option name for it, `set_user_root_attributes`.
 */
export function connectionJson(connection: Connection): Record<string, unknown> {
  const { options } = connection;
  return {
    id: connection.id,
    name: connection.name,
    ...(connection.displayName !== undefined && { display_name: connection.displayName }),
    strategy: connection.strategy,
    options: {
      api: options.api,
      ...(options.clientId !== undefined ? { client_id: options.clientId } : {}),
      scope: options.scope,
      set_user_root_attributes: options.profileSync,
    },
    enabled_clients: connection.enabledClients,
    realms: [connection.name],
    is_domain_connection: connection.isDomainConnection ?? false,
    ...(connection.showAsButton !== undefined && { show_as_button: connection.showAsButton }),
    ...(connection.metadata !== undefined && { metadata: connection.metadata }),
  };
}
