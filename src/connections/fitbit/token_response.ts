import { UpstreamBadResponseError } from '../oauth2/errors/bad_response_error.js';
import { optionalString } from '../oauth2/json.js';
import type { TokenOperation } from '../oauth2/operation.js';
import type { TokenResponse } from '../oauth2/token_response.js';
import type { FitbitApi } from './api.js';

/** A successful token endpoint answer, checked as each mode needs it. */
export interface FitbitTokenResponse extends TokenResponse {
  /** fitbit-legacy: the user's encoded id. */
  userId: string | undefined;
}

/**
 * What each mode needs beyond RFC 6749, on the answer the shared client parsed (parseTokenResponse,
 * src/connections/oauth2/token_response.ts) and never a second parse: a login needs Fitbit's
 * user_id (the only identity when `profile` is not granted) and Google's id_token (openid is
 * always asked).
 */
export function checkTokenResponse(api: FitbitApi, operation: TokenOperation, token: TokenResponse): FitbitTokenResponse {
  const bad = (problem: string) => new UpstreamBadResponseError({ operation, status: 200, problem });
  const response: FitbitTokenResponse = { ...token, userId: optionalString(token.json.user_id) };
  if (operation === 'token' && api === 'fitbit-legacy' && !response.userId) throw bad('user_id is missing');
  if (operation === 'token' && api === 'google-health' && !response.idToken) throw bad('id_token is missing');
  if (operation === 'refresh' && api === 'fitbit-legacy' && !response.refreshToken) {
    // Fitbit refresh tokens are single use: without the rotated one the user is lost, so say so now.
    throw bad('the rotated refresh_token is missing');
  }
  return response;
}
