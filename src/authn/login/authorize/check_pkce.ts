import { isPublicClient } from '../../../domain/client_confidentiality.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { clientOf, responseTypeOf, type AuthorizeCheck } from './authorize_context.js';
import { returnsCode } from './response_types.js';

// RFC 7636 §4.2: the challenge uses the unreserved characters; 43 is a base64url SHA-256 digest.
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636) with S256 only: `plain` would put the verifier itself in the front channel.
 * Public clients have no secret, so for them PKCE is what binds the code to the app: required.
 * A response without a code (response_type=id_token) has nothing for PKCE to bind.
 */
export const checkPkce: AuthorizeCheck = (ctx) => {
  if (!returnsCode(responseTypeOf(ctx))) return;
  const { code_challenge: challenge, code_challenge_method: method } = ctx.params;
  if (challenge === undefined) {
    if (method !== undefined) throw new InvalidRequestError('code_challenge_method was sent without a code_challenge.');
    if (isPublicClient(clientOf(ctx))) {
      throw new InvalidRequestError('PKCE is required for public clients: send code_challenge with code_challenge_method=S256.');
    }
    return;
  }
  // RFC 7636 §4.3 makes a missing method mean plain, which is refused like an explicit plain.
  if (method !== 'S256') {
    throw new InvalidRequestError('code_challenge_method must be S256; plain is not supported.');
  }
  if (!CHALLENGE.test(challenge)) {
    throw new InvalidRequestError('code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.');
  }
  ctx.codeChallenge = challenge;
  ctx.codeChallengeMethod = 'S256';
};
