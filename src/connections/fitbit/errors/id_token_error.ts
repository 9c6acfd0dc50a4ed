import { UpstreamError } from '../../oauth2/errors/upstream_error.js';

/** Google's id_token failed a check (signature, iss, aud, exp or nonce): the login is refused. */
export class InvalidIdTokenError extends UpstreamError {
  readonly kind = 'invalid_id_token';

  constructor(problem: string, cause?: unknown) {
    super(`The id_token from Google was rejected: ${problem}`, { operation: 'token', cause });
  }
}
