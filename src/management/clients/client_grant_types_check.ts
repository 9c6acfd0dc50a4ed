import { grantTypeHoldRefusals, type GrantTypeHoldRefusal } from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';

/**
 * Each reason the rule (domain/grant_types.ts: grantTypeVerdict) refuses a grant type to hold, as
 * the way out for the grant types it names. A Record, so that a new reason cannot be refused
 * without saying why.
 */
const HOLD_REFUSAL_WORDS: Readonly<Record<GrantTypeHoldRefusal, (grantTypes: string) => string>> = {
  public_client: (grantTypes) =>
    `A public client (token_endpoint_auth_method none) has no secret to use ${grantTypes} with: ` +
    `remove ${grantTypes} from grant_types, or set token_endpoint_auth_method to client_secret_post or client_secret_basic.`,
};

/**
 * Refuses a client that would hold a grant type it may not hold, as a POST or a PATCH would leave
 * it: Auth0's words ("Invalid grant types: client_credentials"), naming the grant types refused,
 * then, for each reason, the ways out. Only what the application may not hold is refused: a grant
 * type its type has no use for is stored, as Auth0's Management API stores it. A PATCH that makes a
 * client public while it holds client_credentials is refused too, as Auth0 checks the client it
 * would store, rather than dropping a grant type nobody asked to drop.
 */
export function assertGrantTypesAllowed(client: Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'>): void {
  const refusals = grantTypeHoldRefusals(client);
  if (refusals.length === 0) return;
  const reasons = [...new Set(refusals.map((refusal) => refusal.reason))];
  const why = reasons.map((reason) =>
    HOLD_REFUSAL_WORDS[reason](
      refusals
        .filter((refusal) => refusal.reason === reason)
        .map((refusal) => refusal.grantType)
        .join(', '),
    ),
  );
  throw new BadRequestError(`Invalid grant types: ${refusals.map((refusal) => refusal.grantType).join(', ')}. ${why.join(' ')}`, 'invalid_body');
}
