import { RequestNotSupportedError, RequestUriNotSupportedError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

/**
 * A request object (`request`, or `request_uri` by reference; RFC 9101) is refused with OpenID
 * Connect's own codes, as discovery's request_parameter_supported: false promises. Ignored, it
 * would leave a login made without the parameters the object carried (its nonce, its
 * redirect_uri), which the application then fails on with no hint why.
 */
export const checkRequestObject: AuthorizeCheck = (ctx) => {
  if (ctx.params.request !== undefined) throw new RequestNotSupportedError('request objects (the request parameter) are not supported');
  if (ctx.params.request_uri !== undefined) throw new RequestUriNotSupportedError('request objects by reference (request_uri) are not supported');
};
