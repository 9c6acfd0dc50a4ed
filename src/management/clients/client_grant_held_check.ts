import { clientGrantId, clientGrantRefusal, hasClientGrant } from '../../domain/client_grants.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';

/**
 * Refuses a client that would be public (token_endpoint_auth_method none) while it holds a client
 * grant, as a PATCH would leave it: a public client gets no grant (domain/client_grants.ts:
 * clientGrantRefusal), and one kept would work again the moment the client got a secret. Refused as
 * client_credentials is for a public client (client_grant_types_check.ts): Auth0's shape, naming
 * the ways out, nothing stored. The grant is not dropped on the caller's behalf: deleting it is a
 * change of its own (DELETE /client-grants/{id}), which a script sending a PATCH of the client does
 * not expect. One stored public with a grant before this rule is refused the same on its next PATCH,
 * until its grant is deleted or it is given a secret.
 */
export function assertClientGrantHeldAllowed(client: Client): void {
  const refusal = hasClientGrant(client) ? clientGrantRefusal(client) : undefined;
  if (refusal === undefined) return;
  const grantId = clientGrantId(client.clientId);
  throw new BadRequestError(
    `Invalid token_endpoint_auth_method: none. ${refusal}, so it holds no client grant, and this client holds ${grantId}: ` +
      `delete that client grant first (DELETE /api/v2/client-grants/${encodeURIComponent(grantId)}), or set token_endpoint_auth_method to client_secret_post or client_secret_basic.`,
    'invalid_body',
  );
}
