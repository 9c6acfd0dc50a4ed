import { redirectUrlProblem } from '../../../domain/application_urls.js';
import type { Client } from '../../../domain/types.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';
import { callbackNearMatch } from './callback_near_match.js';

/**
 * The redirect_uri must equal one of the client's callback URLs exactly (no prefix or wildcard
 * matching), and must still pass the application URL rule: a callback saved before the rule existed
 * (a javascript: URL, a fragment, plain http on a public host) is refused, never followed. Until
 * both hold, errors are pages: redirecting to an unverified URI would leak codes. The refusal says
 * when the application has no callback URLs at all, and names a registered one that differs only
 * in a common slip (callback_near_match.ts says why naming it is safe).
 */
export const checkRedirectUri: AuthorizeCheck = (ctx) => {
  const client = clientOf(ctx);
  const redirectUri = ctx.params.redirect_uri;
  if (!redirectUri) throw new InvalidRequestError('The request has no redirect_uri.');
  if (!client.callbacks.includes(redirectUri)) throw notAllowed(redirectUri, client);
  const problem = redirectUrlProblem(redirectUri, client.appType);
  if (problem) {
    throw new InvalidRequestError(
      `The redirect_uri "${redirectUri}" is registered for the application "${client.name}" but is no longer accepted: it ${problem}. ` +
        'An administrator must replace it in the application\'s Allowed Callback URLs.',
    );
  }
  ctx.redirectUri = redirectUri;
};

function notAllowed(redirectUri: string, client: Pick<Client, 'name' | 'callbacks'>): InvalidRequestError {
  if (client.callbacks.length === 0) {
    return new InvalidRequestError(
      `The redirect_uri "${redirectUri}" is not allowed: the application "${client.name}" has no Allowed Callback URLs yet. ` +
        'An administrator can add it there.',
    );
  }
  const near = callbackNearMatch(redirectUri, client.callbacks);
  const notListed = `The redirect_uri "${redirectUri}" is not one of the allowed callback URLs of the application "${client.name}".`;
  if (!near) return new InvalidRequestError(`${notListed} An administrator can add it to the application's Allowed Callback URLs.`);
  return new InvalidRequestError(
    `${notListed} A registered one differs only ${near.difference}: "${near.url}". Callback URLs are compared exactly: ` +
      "send that one, or an administrator can add this one to the application's Allowed Callback URLs.",
  );
}
