import { AppError } from './app_error.js';

/**
 * OAuth 2.0 / OpenID Connect errors named after their codes (RFC 6749 §4.1.2.1 and §5.2, RFC 6750
 * §3.1, OpenID Connect Core §3.1.2.6). Written out one by one so a reader can find each code by name.
 */
export abstract class OAuthError extends AppError {}

export class InvalidRequestError extends OAuthError {
  readonly status = 400;
  readonly code = 'invalid_request';
}

export class InvalidClientError extends OAuthError {
  readonly status = 401;
  readonly code = 'invalid_client';
}

export class InvalidGrantError extends OAuthError {
  readonly status = 400;
  readonly code = 'invalid_grant';
}

export class UnauthorizedClientError extends OAuthError {
  readonly status = 400;
  readonly code = 'unauthorized_client';
}

export class UnsupportedGrantTypeError extends OAuthError {
  readonly status = 400;
  readonly code = 'unsupported_grant_type';
}

export class UnsupportedResponseTypeError extends OAuthError {
  readonly status = 400;
  readonly code = 'unsupported_response_type';
}

export class InvalidScopeError extends OAuthError {
  readonly status = 400;
  readonly code = 'invalid_scope';
}

export class AccessDeniedError extends OAuthError {
  readonly status = 403;
  readonly code = 'access_denied';
}

/**
 * Auth0's own code, which no RFC defines: what Auth0 sends a client whose user is blocked
 * (`error=unauthorized&error_description=user is blocked`), at the redirect_uri of an interactive
 * login and of prompt=none alike. Named for its one use, since `UnauthorizedError` is the
 * Management API's 401. Refresh and /userinfo keep RFC codes (invalid_grant, invalid_token), as at Auth0.
 */
export class UserBlockedError extends OAuthError {
  readonly status = 403;
  readonly code = 'unauthorized';
}

export class LoginRequiredError extends OAuthError {
  readonly status = 400;
  readonly code = 'login_required';
}

/** OpenID Connect Core §3.1.2.6: prompt=none, but the person must first allow the application (a third-party one). */
export class ConsentRequiredError extends OAuthError {
  readonly status = 400;
  readonly code = 'consent_required';
}

/** OpenID Connect Core §6.1: a request object (JAR), which fitgate's discovery says it does not take. */
export class RequestNotSupportedError extends OAuthError {
  readonly status = 400;
  readonly code = 'request_not_supported';
}

/** OpenID Connect Core §6.2: a request object by reference, likewise. */
export class RequestUriNotSupportedError extends OAuthError {
  readonly status = 400;
  readonly code = 'request_uri_not_supported';
}

/** RFC 7009 §2.2.1: a token of a type this server cannot revoke (fitgate's JWT access tokens). */
export class UnsupportedTokenTypeError extends OAuthError {
  readonly status = 400;
  readonly code = 'unsupported_token_type';
}

/** RFC 6750: a missing, expired or revoked bearer token at /userinfo. */
export class InvalidTokenError extends OAuthError {
  readonly status = 401;
  readonly code = 'invalid_token';
}

export class InsufficientScopeError extends OAuthError {
  readonly status = 403;
  readonly code = 'insufficient_scope';
}

/** RFC 9110 §15.5.6: an endpoint asked with a method it does not serve; Allow names those it does. */
export class MethodNotAllowedError extends OAuthError {
  readonly status = 405;
  readonly code = 'invalid_request';
}

export class ServerError extends OAuthError {
  readonly status = 500;
  readonly code = 'server_error';
}

/** The connection's upstream is down, slow, rate limiting or gone. */
export class TemporarilyUnavailableError extends OAuthError {
  readonly status = 503;
  readonly code = 'temporarily_unavailable';
  // The description names the upstream problem, which is the caller's to know and act on.
  override get expose(): boolean {
    return true;
  }
}
