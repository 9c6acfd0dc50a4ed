import { InvalidRequestError } from '../../../errors/index.js';
import { clientOf, redirectUriOf, responseTypeOf, type AuthorizeCheck } from './authorize_context.js';
import { defaultResponseMode, modeAllowedFor, parseResponseMode, RESPONSE_MODES } from './response_types.js';
import { unlistedWebOriginMessage, webMessageOrigin } from './web_message_origin.js';

/**
 * query, fragment, form_post or web_message; without one, the default of the response type. A
 * response carrying an id_token is never put in the query (OAuth 2.0 Multiple Response Types §5).
 * web_message is posted only to an origin the client lists among its Allowed Web Origins; a request
 * from any other is refused with a page (error_response_mode.ts), never posted.
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
  // A form posts, and a window posts messages, over http(s) only: a native app's custom scheme has neither.
  const web = /^https?:$/.test(new URL(redirectUriOf(ctx)).protocol);
  if ((mode === 'form_post' || mode === 'web_message') && !web) {
    throw new InvalidRequestError(`response_mode ${mode} needs an http or https redirect_uri.`);
  }
  if (mode === 'web_message' && !webMessageOrigin(clientOf(ctx), redirectUriOf(ctx))) {
    throw new InvalidRequestError(unlistedWebOriginMessage(clientOf(ctx), redirectUriOf(ctx)));
  }
  ctx.responseMode = mode;
};
