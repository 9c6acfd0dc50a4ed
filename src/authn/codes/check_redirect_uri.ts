import { InvalidGrantError } from '../../errors/index.js';
import type { AuthorizationCodeRecord } from './authorization_code.js';

/**
 * RFC 6749 §4.1.3: the token request must repeat the redirect_uri of the authorization request
 * exactly (no normalisation: a looser match is how codes leak to attacker-controlled paths).
 */
export function checkRedirectUri(record: AuthorizationCodeRecord, redirectUri: string | undefined): void {
  if (redirectUri === undefined) throw new InvalidGrantError('redirect_uri is required with an authorization code');
  if (redirectUri !== record.redirectUri) {
    throw new InvalidGrantError('redirect_uri does not match the one of the authorization request');
  }
}
