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

// Until these two are single and verified, an error cannot be sent back to the client (RFC 6749
// §4.1.2.1): a repeat of either is refused here, with a page.
const MUST_BE_SINGLE_TO_REDIRECT: ReadonlySet<AuthorizeParamName> = new Set(['client_id', 'redirect_uri']);

// Which of two values the client meant is unknown, and the error redirect would read these two:
// echoing either `state` could hand the client a value it did not send for this request (RFC 6749
// §4.1.2.1 echoes "the exact value received"), and either `response_mode` could put the answer
// where the client does not look. So a repeated state is not echoed and a repeated response_mode
// leaves the response type's default (error_response_mode.ts).
const DROPPED_WHEN_REPEATED: ReadonlySet<AuthorizeParamName> = new Set(['state', 'response_mode']);

// Long enough for any real state or nonce, short enough that a login transaction stays small.
const MAX_PARAM_LENGTH = 2048;

/** The /authorize parameters as read, and the first one sent more than once, if any. */
export interface AuthorizeRequestRead {
  readonly params: AuthorizeParams;
  /** RFC 6749 §3.1: an invalid request, refused by check_repeated_param.ts at the client's redirect_uri. */
  readonly repeated?: AuthorizeParamName;
}

/**
 * The /authorize parameters fitgate reads, as single strings; empty values count as absent. A
 * parameter sent more than once (RFC 6749 §3.1: "MUST NOT be included more than once") is a page
 * for client_id and redirect_uri; any other is recorded, its first value kept (state and
 * response_mode dropped), for the checks to refuse once the redirect_uri is verified.
 */
export function readAuthorizeRequest(query: Record<string, unknown>): AuthorizeRequestRead {
  const params: Partial<Record<AuthorizeParamName, string>> = {};
  let repeated: AuthorizeParamName | undefined;
  for (const name of NAMES) {
    const value = query[name];
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const one of values) {
      if (one !== undefined && typeof one !== 'string') throw new InvalidRequestError(`The parameter ${name} could not be read as text.`);
      if (one !== undefined && one.length > MAX_PARAM_LENGTH) {
        throw new InvalidRequestError(`The parameter ${name} is longer than ${MAX_PARAM_LENGTH} characters.`);
      }
    }
    if (values.length > 1) {
      if (MUST_BE_SINGLE_TO_REDIRECT.has(name)) throw new InvalidRequestError(`The parameter ${name} was sent more than once.`);
      repeated ??= name;
      if (DROPPED_WHEN_REPEATED.has(name)) continue;
    }
    const first = values[0];
    if (typeof first === 'string' && first !== '') params[name] = first;
  }
  return { params, ...(repeated !== undefined ? { repeated } : {}) };
}

/** The parameters alone, for a reader that stops at the redirect_uri (store_down_redirect.ts). */
export function readAuthorizeParams(query: Record<string, unknown>): AuthorizeParams {
  return readAuthorizeRequest(query).params;
}
