import type { ConnectionPlugin, SettingsIssue } from '../connections/plugin.js';
import { connectionOptionsFrom, type SentConnectionSettings } from './connection_options.js';
import { updateConnection } from './connection_updates.js';
import type { ConnectionRepository, Sealer } from './ports.js';
import type { Connection } from './types.js';

export type ConnectionOptionsChange =
  | { saved: true; connection: Connection }
  /** Nothing written: every problem with what was sent, in connectionOptionsFrom's order, for the surface to word. */
  | { saved: false; issues: readonly [SettingsIssue, ...SettingsIssue[]] };

/**
 * Writes a connection's options, from the dashboard's settings form or PATCH /connections/{id}:
 * what was sent is judged (connectionOptionsFrom) against the connection as stored at the write
 * (updateConnection), not as read for the request, so the secret a blank field keeps is the one
 * stored now and an application enabled meanwhile stays enabled. Refused, nothing is written and the
 * issues come back: the Management API names the first, the dashboard puts each beside its field.
 *
 * `sent` left out keeps the options; `alongside` makes the rest of the same request's change (the
 * API's display_name, metadata...) in the same write. Throws NotFoundInStoreError when the
 * connection is gone.
 */
export async function changeConnectionOptions(
  connections: Pick<ConnectionRepository, 'getStored' | 'update'>,
  connection: Pick<Connection, 'tenant' | 'id'>,
  sent: SentConnectionSettings | undefined,
  rule: { plugin: Pick<ConnectionPlugin, 'parseSettings'>; sealer: Sealer },
  alongside: (changed: Connection) => Connection = (changed) => changed,
): Promise<ConnectionOptionsChange> {
  const updatedAt = new Date().toISOString();
  let refused: ConnectionOptionsChange | undefined;
  const stored = await updateConnection(connections, connection.tenant, connection.id, (current) => {
    refused = undefined;
    if (sent === undefined) return alongside({ ...current, updatedAt });
    const result = connectionOptionsFrom(sent, current.options, (input) => rule.plugin.parseSettings(input), rule.sealer);
    if (!result.ok) {
      refused = { saved: false, issues: result.issues };
      return current;
    }
    return alongside({ ...current, options: result.options, updatedAt });
  });
  return refused ?? { saved: true, connection: stored };
}
