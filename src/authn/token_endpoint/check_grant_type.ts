import { TOKEN_VAULT_GRANT_TYPE } from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { UnauthorizedClientError, UnsupportedGrantTypeError } from '../../errors/index.js';
import { requireParam } from './request_params.js';
import type { SupportedGrantType } from './token_request.js';

const SUPPORTED_GRANT_TYPES: readonly SupportedGrantType[] = ['authorization_code', 'refresh_token', 'client_credentials', TOKEN_VAULT_GRANT_TYPE];

export function checkGrantTypeSupported(params: Readonly<Record<string, string>>): SupportedGrantType {
  const grantType = requireParam(params, 'grant_type');
  const supported = SUPPORTED_GRANT_TYPES.find((candidate) => candidate === grantType);
  if (!supported) throw new UnsupportedGrantTypeError(`grant_type "${grantType}" is not supported`);
  return supported;
}

/** A client may only use the grant types its registration lists (Auth0's "Grant Types" setting). */
export function checkGrantTypeAllowed(client: Client, grantType: SupportedGrantType): void {
  if (!client.grantTypes.includes(grantType)) {
    throw new UnauthorizedClientError(`this client is not allowed to use the ${grantType} grant`);
  }
}
