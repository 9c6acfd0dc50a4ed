import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeParamName, AuthorizeParams } from './authorize_context.js';

const NAMES: readonly AuthorizeParamName[] = [
  'response_type',
  'response_mode',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'connection',
  'prompt',
  'max_age',
  'login_hint',
  // Read to be refused (check_audience.ts, check_organization.ts, check_request_object.ts):
  // ignoring them silently left applications with a token or an id_token other than the one they
  // asked for, or a login made without the parameters their request object carried.
  'audience',
  'organization',
  'invitation',
  'request',
  'request_uri',
];

// Long enough for any real state or nonce, short enough that a login transaction stays small.
const MAX_PARAM_LENGTH = 2048;

/**
 * The /authorize parameters fitgate reads, as single strings. RFC 6749 §3.1: a parameter sent more
 * than once is an invalid request; empty values count as absent.
 */
export function readAuthorizeParams(query: Record<string, unknown>): AuthorizeParams {
  const params: Partial<Record<AuthorizeParamName, string>> = {};
  for (const name of NAMES) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') {
      throw new InvalidRequestError(`The parameter ${name} was sent more than once.`);
    }
    if (value.length > MAX_PARAM_LENGTH) {
      throw new InvalidRequestError(`The parameter ${name} is longer than ${MAX_PARAM_LENGTH} characters.`);
    }
    params[name] = value;
  }
  return params;
}
