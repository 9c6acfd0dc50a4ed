import { signsUsersIn } from '../../../domain/signs_users_in.js';
import { InvalidRequestError, UnauthorizedClientError, UnsupportedResponseTypeError } from '../../../errors/index.js';
import { clientOf, type AuthorizeCheck } from './authorize_context.js';
import { parseResponseType, RESPONSE_TYPES, returnsIdToken } from './response_types.js';

/**
 * code, id_token or code id_token, in any order of the values. Every one of them is a login through
 * the browser, which fitgate grants to clients allowed the authorization_code grant; an id_token in
 * the front channel also takes the implicit grant, as at Auth0 (no access token ever leaves
 * /authorize, so implicit here means the id_token alone). The first half is signsUsersIn, the rule
 * the dashboard offers applications by.
 */
export const checkResponseType: AuthorizeCheck = (ctx) => {
  const requested = ctx.params.response_type;
  if (!requested) throw new InvalidRequestError('Missing required parameter: response_type.');
  const responseType = parseResponseType(requested);
  if (!responseType) {
    throw new UnsupportedResponseTypeError(`response_type "${requested}" is not supported; use ${RESPONSE_TYPES.join(', ')}.`);
  }
  ctx.responseType = responseType;
  const client = clientOf(ctx);
  if (!signsUsersIn(client)) {
    throw new UnauthorizedClientError('This application is not allowed the authorization_code grant, which every login through /authorize needs.');
  }
  if (returnsIdToken(responseType) && !client.grantTypes.includes('implicit')) {
    throw new UnauthorizedClientError(`This application is not allowed the implicit grant, which response_type "${responseType}" needs; use response_type=code.`);
  }
};
