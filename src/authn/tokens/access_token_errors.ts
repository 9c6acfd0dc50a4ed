/**
 * Why an access token was refused. Plain errors, not HTTP ones: /userinfo answers them per RFC 6750
 * and the Management API in Auth0's shape, each mapping them its own way. Messages are safe to show.
 */
export abstract class AccessTokenError extends Error {
  abstract readonly reason: 'missing' | 'invalid' | 'expired';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class MissingAccessTokenError extends AccessTokenError {
  readonly reason = 'missing';
}

/** Bad signature, unknown kid, wrong issuer, audience or type, malformed, or its grant revoked. */
export class InvalidAccessTokenError extends AccessTokenError {
  readonly reason = 'invalid';
}

export class ExpiredAccessTokenError extends AccessTokenError {
  readonly reason = 'expired';
}

/** What a revoked token is told, wherever it is refused: a holder cannot tell one way of revoking from another. */
export const REVOKED_ACCESS_TOKEN = 'the access token has been revoked';
