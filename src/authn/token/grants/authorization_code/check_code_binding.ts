import type { Client } from '../../../../domain/types.js';
import { InvalidGrantError } from '../../../../errors/index.js';
import type { AuthorizationCodeRecord } from '../../../authorization_code.js';

/**
 * RFC 6749 §4.1.3: the code must have been issued to this client, in this tenant, and the token
 * request must repeat the redirect_uri of the authorization request exactly (no normalisation: a
 * looser match is how codes leak to attacker-controlled paths).
 */
export function checkCodeBinding(
  record: AuthorizationCodeRecord,
  tenant: string,
  client: Client,
  redirectUri: string | undefined,
): void {
  if (record.tenant !== tenant || record.clientId !== client.clientId) {
    throw new InvalidGrantError('the authorization code was not issued to this client');
  }
  if (redirectUri === undefined) throw new InvalidGrantError('redirect_uri is required with an authorization code');
  if (redirectUri !== record.redirectUri) {
    throw new InvalidGrantError('redirect_uri does not match the one of the authorization request');
  }
}
