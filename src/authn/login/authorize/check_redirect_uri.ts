import { redirectUrlProblem } from '../../../domain/application_urls.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';

/**
 * The redirect_uri must equal one of the client's callback URLs exactly (no prefix or wildcard
 * matching), and must still pass the application URL rule: a callback saved before the rule existed
 * (a javascript: URL, a fragment, plain http on a public host) is refused, never followed. Until
 * both hold, errors are pages: redirecting to an unverified URI would leak codes.
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
  const problem = redirectUrlProblem(redirectUri, client.appType);
  if (problem) {
    throw new InvalidRequestError(
      `The redirect_uri "${redirectUri}" is registered for the application "${client.name}" but is no longer accepted: it ${problem}. ` +
        'An administrator must replace it in the application\'s Allowed Callback URLs.',
    );
  }
  ctx.redirectUri = redirectUri;
};
