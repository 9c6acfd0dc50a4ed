import { InvalidRequestError } from '../../../errors/index.js';
import { responseTypeOf, type AuthorizeCheck } from './authorize_context.js';
import { returnsIdToken } from './response_types.js';

/**
 * An id_token sent through the browser is bound to the request by its nonce, which is what stops a
 * token captured elsewhere from being replayed: required (OpenID Connect Core §3.2.2.1, §3.3.2.11).
 * The code flow's id_token comes from the token endpoint, where the nonce stays optional.
 */
export const checkNonce: AuthorizeCheck = (ctx) => {
  const responseType = responseTypeOf(ctx);
  if (returnsIdToken(responseType) && ctx.params.nonce === undefined) {
    throw new InvalidRequestError(`nonce is required with response_type "${responseType}".`);
  }
};
