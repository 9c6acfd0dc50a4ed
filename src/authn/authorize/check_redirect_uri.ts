import { InvalidRequestError } from '../../errors/index.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';

/**
 * The redirect_uri must equal one of the client's callback URLs exactly (no prefix or wildcard
 * matching). Until it does, errors are pages: redirecting to an unverified URI would leak codes.
 */
export const checkRedirectUri: AuthorizeCheck = (ctx) => {
  const client = clientOf(ctx);
  const redirectUri = ctx.params.redirect_uri;
  if (!redirectUri) throw new InvalidRequestError('The request has no redirect_uri.');
  if (!client.callbacks.includes(redirectUri)) {
    throw new InvalidRequestError(
      `The redirect_uri "${redirectUri}" is not one of the allowed callback URLs of the application "${client.name}". ` +
        'An administrator can add it to the application\'s Allowed Callback URLs.',
    );
  }
  ctx.redirectUri = redirectUri;
};
