import { InvalidRequestError } from '../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

/** Only the query response mode is served: the code comes back in the redirect's query string. */
export const checkResponseMode: AuthorizeCheck = (ctx) => {
  const mode = ctx.params.response_mode;
  if (mode !== undefined && mode !== 'query') {
    throw new InvalidRequestError(`response_mode "${mode}" is not supported; use query.`);
  }
};
