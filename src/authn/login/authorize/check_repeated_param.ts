import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

/**
 * RFC 6749 §3.1: request parameters "MUST NOT be included more than once". Placed right after the
 * redirect_uri is verified so that, as §4.1.2.1 asks, the client hears of it at its redirect_uri
 * (a repeated client_id or redirect_uri never gets this far: read_params.ts refuses it with a page).
 */
export const checkRepeatedParam: AuthorizeCheck = (ctx) => {
  if (ctx.repeatedParam !== undefined) throw new InvalidRequestError(`The parameter ${ctx.repeatedParam} was sent more than once.`);
};
