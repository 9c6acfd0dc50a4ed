import { InvalidRequestError } from '../../../errors/index.js';
import { redirectUriOf, responseTypeOf, type AuthorizeCheck } from './authorize_context.js';
import { defaultResponseMode, modeAllowedFor, parseResponseMode, RESPONSE_MODES } from './response_types.js';

/**
 * query, fragment or form_post; without one, the default of the response type. A response carrying
 * an id_token is never put in the query (OAuth 2.0 Multiple Response Types §5).
 */
export const checkResponseMode: AuthorizeCheck = (ctx) => {
  const responseType = responseTypeOf(ctx);
  const requested = ctx.params.response_mode;
  if (requested === undefined) {
    ctx.responseMode = defaultResponseMode(responseType);
    return;
  }
  const mode = parseResponseMode(requested);
  if (!mode) throw new InvalidRequestError(`response_mode "${requested}" is not supported; use ${RESPONSE_MODES.join(', ')}.`);
  if (!modeAllowedFor(mode, responseType)) {
    throw new InvalidRequestError(`response_mode query cannot carry the id_token of response_type "${responseType}"; use fragment or form_post.`);
  }
  // A form posts over http(s) only: a native app's custom scheme cannot receive one.
  if (mode === 'form_post' && !/^https?:$/.test(new URL(redirectUriOf(ctx)).protocol)) {
    throw new InvalidRequestError('response_mode form_post needs an http or https redirect_uri.');
  }
  ctx.responseMode = mode;
};
