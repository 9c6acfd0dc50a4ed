import type { AuthorizeContext } from './authorize_context.js';
import { defaultResponseMode, modeAllowedFor, parseResponseMode, parseResponseType, type ResponseMode } from './response_types.js';
import { webMessageOrigin } from './web_message_origin.js';

/**
 * The response mode an error goes back in (OpenID Connect Core §3.1.2.6: the one the client asked
 * for), also when the checks stopped before settling it: the requested mode when it is one fitgate
 * serves and fits the response type (and redirect_uri), else the response type's default, else the query.
 * Undefined when the request asked for web_message from an origin the client does not list: such a
 * request gets no answer at all, only a page (a redirect would still land in the app's frame or
 * popup, and a postMessage is never sent to an unlisted origin).
 */
export function errorResponseMode(ctx: AuthorizeContext): ResponseMode | undefined {
  if (ctx.responseMode) return ctx.responseMode;
  if (ctx.params.response_mode === 'web_message' && !webMessageAllowed(ctx)) return undefined;
  const responseType = ctx.responseType ?? parseResponseType(ctx.params.response_type ?? '');
  const requested = formPostable(ctx) ? parseResponseMode(ctx.params.response_mode ?? '') : undefined;
  if (!responseType) return requested ?? 'query';
  return requested && modeAllowedFor(requested, responseType) ? requested : defaultResponseMode(responseType);
}

/** A native app's custom-scheme redirect_uri cannot receive a form post, so only a redirect reaches it. */
function formPostable(ctx: AuthorizeContext): boolean {
  return ctx.params.response_mode !== 'form_post' || (ctx.redirectUri !== undefined && /^https?:/.test(ctx.redirectUri));
}

function webMessageAllowed(ctx: AuthorizeContext): boolean {
  return ctx.client !== undefined && ctx.redirectUri !== undefined && webMessageOrigin(ctx.client, ctx.redirectUri) !== undefined;
}
