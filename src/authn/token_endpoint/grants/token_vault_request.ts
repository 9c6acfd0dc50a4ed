import { InvalidRequestError } from '../../../errors/index.js';
import { requireParam } from '../request_params.js';

/** RFC 8693 §3: the subject token is one of this server's refresh tokens. */
export const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';
/** RFC 8693 §3: what Auth0 also takes as subject (an access token, for a Custom API Client); fitgate does not. */
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** Auth0's token type of an upstream (federated connection) access token: asked for, and named in the answer. */
export const UPSTREAM_ACCESS_TOKEN_TYPE = 'http://auth0.com/oauth/token-type/federated-connection-access-token';

/** What a Token Vault exchange asks for, once its parameters are read. */
export interface TokenVaultRequest {
  subjectToken: string;
  connection: string;
  /** The user's id at the upstream, to pick one identity (Auth0's login_hint for this grant). */
  loginHint?: string;
}

/**
 * The exchange's parameters as Auth0's SDKs send them (nextjs-auth0 getAccessTokenForConnection,
 * the auth0 Node SDK's tokenForConnection): `subject_token`, `subject_token_type`, `connection`,
 * `requested_token_type`, optional `login_hint`. Read before the refresh token is looked at, so a
 * malformed request learns nothing about the token. `requested_token_type` may be left out (RFC 8693
 * §2.1 makes it optional); when sent it must be Auth0's. Everything refused is invalid_request.
 */
export function readTokenVaultRequest(params: Readonly<Record<string, string>>): TokenVaultRequest {
  const subjectToken = requireParam(params, 'subject_token');
  const subjectTokenType = requireParam(params, 'subject_token_type');
  if (subjectTokenType === ACCESS_TOKEN_TYPE) {
    throw new InvalidRequestError(`subject_token_type ${ACCESS_TOKEN_TYPE} is not supported here: send one of this application's refresh tokens as ${REFRESH_TOKEN_TYPE}`);
  }
  if (subjectTokenType !== REFRESH_TOKEN_TYPE) throw new InvalidRequestError(`subject_token_type must be ${REFRESH_TOKEN_TYPE}`);
  const requested = params.requested_token_type;
  if (requested !== undefined && requested !== UPSTREAM_ACCESS_TOKEN_TYPE) {
    throw new InvalidRequestError(`requested_token_type must be ${UPSTREAM_ACCESS_TOKEN_TYPE}`);
  }
  const connection = requireParam(params, 'connection');
  const loginHint = params.login_hint;
  return { subjectToken, connection, ...(loginHint === undefined ? {} : { loginHint }) };
}
