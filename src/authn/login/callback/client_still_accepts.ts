import type { Client } from '../../../domain/types.js';
import { webMessageOrigin } from '../authorize/web_message_origin.js';
import type { PendingAuthorization } from '../login_transaction.js';

/**
 * Whether the client may still be answered where its login asked, as /authorize verified it: the
 * redirect_uri is still registered and, for web_message, its origin still listed. Either may have
 * changed while the user was at the upstream; then nothing goes there, not even an error.
 */
export function clientStillAccepts(client: Client | undefined, login: Pick<PendingAuthorization, 'redirectUri' | 'responseMode'>): client is Client {
  if (!client?.callbacks.includes(login.redirectUri)) return false;
  return login.responseMode !== 'web_message' || webMessageOrigin(client, login.redirectUri) !== undefined;
}
