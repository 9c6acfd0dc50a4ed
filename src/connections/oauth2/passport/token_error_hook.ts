import OAuth2Strategy from 'passport-oauth2';
import { UpstreamError } from '../errors/upstream_error.js';

/**
 * What a strategy's `_createOAuthError(message, error)` should answer. passport-oauth2 wraps every
 * token-request failure through that private hook (lib/strategy.js) in an InternalOAuthError, which
 * has no `kind` and drops what the typed error carried (a 429's reset time): an UpstreamError passes
 * through unchanged, anything else is wrapped as passport-oauth2 wraps it.
 */
export function tokenRequestError(message: string, error: unknown): Error {
  return error instanceof UpstreamError ? error : new OAuth2Strategy.InternalOAuthError(message, error);
}
