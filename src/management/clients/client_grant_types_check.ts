import { grantTypesRefusedTo } from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';

/**
 * Refuses a client that would hold a grant type its authentication method does not allow
 * (domain/grant_types.ts: client_credentials needs a confidential client), as a POST or a PATCH
 * would leave it: Auth0's words ("Invalid grant types: client_credentials"), then the two ways out.
 * A PATCH that makes a client public while it holds client_credentials is refused too, as Auth0
 * checks the client it would store, rather than dropping a grant type nobody asked to drop.
 */
export function assertGrantTypesAllowed(client: Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'>): void {
  const refused = grantTypesRefusedTo(client);
  if (refused.length === 0) return;
  throw new BadRequestError(
    `Invalid grant types: ${refused.join(', ')}. A public client (token_endpoint_auth_method none) has no secret to use client_credentials with: ` +
      'remove client_credentials from grant_types, or set token_endpoint_auth_method to client_secret_post or client_secret_basic.',
    'invalid_body',
  );
}
