/**
 * An authorization code as issued at /login/callback and redeemed at /oauth/token. Kept in the store
 * as an `authorization_code` ephemeral record (TTL 60 s) under the code itself; redeemed with an
 * atomic consume, so a code can be exchanged exactly once.
 */
export interface AuthorizationCodeRecord {
  tenant: string;
  clientId: string;
  /** The redirect_uri the client sent to /authorize; the token request must repeat it exactly. */
  redirectUri: string;
  userId: string;
  /** Scopes granted to the client (subset of openid profile email offline_access). */
  scope: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256';
  /** The connection the user logged in with, e.g. "fitbit". */
  connection: string;
  /** Epoch seconds of the upstream login (id_token auth_time). */
  authTime: number;
  /** The login session's id (id_token `sid`, login_session.ts); absent from codes issued before it existed. */
  sid?: string;
  /**
   * The tenant URL the login was made under: the host of /authorize, where the login came back to
   * and the session lives. The tokens redeemed from the code carry its issuer whichever host the
   * client redeems it at, as at Auth0 with custom domains (tokens/grant_tenant_url.ts).
   * Absent from codes issued before it was kept: those are issued under the token request's host.
   */
  tenantUrl?: string;
  /**
   * The createdAt of the user the code was issued to, as the user record had it: a user deleted and
   * signed up again under the same id since is another user, whom the code must not redeem for
   * (tokens/earlier_user.ts). Absent from codes issued before it was kept, which are not judged so.
   */
  userCreatedAt?: string;
  /**
   * The id of the user's grant to a third-party client the code was issued under (consentGrantIdOf in
   * domain/user_grants.ts): the code redeems only while that grant stands, and its refresh tokens
   * keep it. Absent for a client the user holds no grant of (first-party), and on older codes.
   */
  consentGrantId?: string;
  /**
   * Groups every token issued from this code (refresh token family, access tokens). Revoking the
   * grant revokes them all: used when a code is replayed or a rotated refresh token is reused.
   */
  grantId: string;
}

export const AUTHORIZATION_CODE_TTL_SECONDS = 60;
