import { isConnectionName } from '../domain/connection_name.js';

/**
 * The words for a connection an application may not use, whether it exists or not (so they tell
 * nobody which connections a tenant has): /authorize and the Token Vault exchange say the same. A
 * name no connection could have (connection_name.ts) is not repeated: the description, and the
 * tenant's log event that keeps it, would carry whatever the request sent.
 */
export function connectionNotEnabled(connection: string): string {
  if (!isConnectionName(connection)) return 'The connection named in the request is not enabled for this application.';
  return `The connection "${connection}" is not enabled for this application.`;
}
