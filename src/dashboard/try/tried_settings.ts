import { createHash } from 'node:crypto';
import type { Connection, ConnectionOptions, LogEvent } from '../../domain/types.js';

/**
 * Which settings a TRY tried, logged with it as a short fingerprint (`details.settings`), so the
 * Overview's checklist counts a TRY only while the connection still has the settings it proved. A
 * date would not do: enabling the connection for an application changes its updatedAt and nothing
 * a TRY tests. The fingerprint covers what a TRY does test: the API, the client id, the secret (its
 * sealed form, never the secret itself; a master key rotation reseals it, which counts as a change)
 * and the permissions.
 */
export function settingsFingerprint(options: ConnectionOptions): string {
  const tested = [options.api, options.clientId ?? '', options.clientSecret ?? '', [...options.scope].sort()];
  return createHash('sha256').update(JSON.stringify(tested)).digest('base64url').slice(0, 16);
}

/** Whether `event` is a TRY of `connection` as it is configured now. */
export function triedCurrentSettings(event: Pick<LogEvent, 'date' | 'connectionId' | 'details'>, connection: Pick<Connection, 'id' | 'options' | 'updatedAt'>): boolean {
  const details = event.details;
  if (details?.try !== true || details.api !== connection.options.api) return false;
  if (event.connectionId !== undefined && event.connectionId !== connection.id) return false;
  // A TRY logged before TRYs carried their settings counts when newer than the connection's last change.
  if (typeof details.settings !== 'string') return Date.parse(event.date) > Date.parse(connection.updatedAt);
  return details.settings === settingsFingerprint(connection.options);
}
