import { InvalidRequestError, UnauthorizedClientError, UnsupportedResponseTypeError } from '../../errors/index.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';

/** Only the authorization code flow, and only for clients allowed the authorization_code grant. */
export const checkResponseType: AuthorizeCheck = (ctx) => {
  const responseType = ctx.params.response_type;
  if (!responseType) throw new InvalidRequestError('Missing required parameter: response_type.');
  if (responseType !== 'code') {
    throw new UnsupportedResponseTypeError(`response_type "${responseType}" is not supported; use code.`);
  }
  if (!clientOf(ctx).grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClientError('This application is not allowed the authorization_code grant.');
  }
};
