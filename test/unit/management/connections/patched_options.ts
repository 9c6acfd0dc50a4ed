import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { changeConnectionOptions } from '../../../../src/domain/connection_option_changes.js';
import type { Sealer } from '../../../../src/domain/ports.js';
import type { Connection, ConnectionOptions } from '../../../../src/domain/types.js';
import { optionsRefusal, sentConnectionSettings } from '../../../../src/management/connections/connection_update.js';
import type { UpdateConnectionBody } from '../../../../src/management/connections/connection_schemas.js';

/**
 * The options PATCH /connections/{id} stores when it sends `sent` to `connection` (a store holding
 * only it), as the route computes them; rejects with the route's refusal.
 */
export async function patchedOptions(
  connection: Connection,
  sent: NonNullable<UpdateConnectionBody['options']>,
  plugin: ConnectionPlugin,
  sealer: Sealer,
): Promise<ConnectionOptions> {
  let stored = connection;
  const connections = {
    getStored: async () => stored,
    update: async (changed: Connection) => (stored = changed),
  };
  const outcome = await changeConnectionOptions(connections, connection, sentConnectionSettings(sent), { plugin, sealer });
  if (!outcome.saved) throw optionsRefusal(outcome.issues);
  return outcome.connection.options;
}
