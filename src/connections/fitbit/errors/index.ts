// The plugin's errors as applications import them: the shared OAuth 2.0 client's (connections/oauth2/),
// which the plugin raises for every failure that client reads, and Fitbit's and Google's own. Which of
// their answers map to which kind: kind_of_code.ts (OAuth codes), kind_of_api_answer.ts (API
// answers), ../refusal_kind.ts (authorize pages).
export {
  UpstreamError,
  isUpstreamError,
  upstreamErrorKind,
  describeAnswer,
  type UpstreamErrorKind,
  type UpstreamErrorDetails,
} from '../../oauth2/errors/upstream_error.js';
export type { UpstreamOperation } from './upstream_operation.js';
export { UpstreamOAuthError } from '../../oauth2/errors/oauth_error.js';
export { UpstreamApiError } from './api_error.js';
export { UpstreamAccountUnusableError } from './account_unusable_error.js';
export { UpstreamGoneError } from './gone_error.js';
export { UpstreamRateLimitedError } from '../../oauth2/errors/rate_limited_error.js';
export { UpstreamServerError } from '../../oauth2/errors/server_error.js';
export { UpstreamNetworkError } from '../../oauth2/errors/network_error.js';
export { UpstreamTimeoutError } from '../../oauth2/errors/timeout_error.js';
export { UpstreamBadResponseError } from '../../oauth2/errors/bad_response_error.js';
export { InvalidIdTokenError } from './id_token_error.js';
export { parseErrorResponse, type ErrorResponse } from './parse_error_response.js';
