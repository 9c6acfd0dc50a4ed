import { revokeToken } from '../oauth2/revocation.js';
import { requestToken } from '../oauth2/token_request.js';
import { endpointClient } from './client_auth.js';
import { fetchProfile } from './profile/fetch_profile.js';
import type { FitbitProfile } from './profile/fitbit_profile.js';
import { grantedFitbitScopes } from './scopes.js';
import { tokenEndpoint } from './token_endpoint.js';
import { checkTokenResponse } from './token_response.js';
import { upstreamContext, type UpstreamClientOptions, type UpstreamContext } from './upstream_context.js';

export interface FitbitTokens {
  accessToken: string;
  /** The refresh token to store from now on (see refresh()). */
  refreshToken?: string;
  expiresIn: number;
  /** Fitbit scope names; empty when the upstream's answer did not list them. */
  grantedScopes: string[];
}

/** Calls on stored upstream tokens. Every method has the bounded timeout and throws typed errors. */
export interface FitbitTokenClient {
  /**
   * legacy: Fitbit rotates refresh tokens and the old one dies, so store the returned one before
   * anything else. google-health: Google normally sends no new refresh token; the one passed in is
   * returned unless a new one arrived.
   */
  refresh(refreshToken: string): Promise<FitbitTokens>;
  /** Revokes the token (legacy: every token of that user for this app). */
  revoke(token: string): Promise<void>;
  /**
   * legacy: profile.json (needs `profile`); google-health: identity + userinfo. `grantedScopes` (as
   * recorded at sign-in) is copied onto the profile, since neither call reports scopes.
   */
  fetchProfile(accessToken: string, grantedScopes?: readonly string[]): Promise<FitbitProfile>;
}

export function createTokenClient(options: UpstreamClientOptions): FitbitTokenClient {
  const context = upstreamContext(options);
  return {
    refresh: (refreshToken) => refresh(context, refreshToken),
    revoke: (token) => revoke(context, token),
    fetchProfile: (accessToken, grantedScopes = []) => fetchProfile(context, accessToken, grantedScopes),
  };
}

async function refresh(context: UpstreamContext, refreshToken: string): Promise<FitbitTokens> {
  const answer = await requestToken({ ...tokenEndpoint(context), grant: { grant_type: 'refresh_token', refresh_token: refreshToken } });
  const token = checkTokenResponse(context.api, 'refresh', answer);
  return {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken ?? (context.api === 'google-health' ? refreshToken : undefined),
    expiresIn: token.expiresIn,
    grantedScopes: token.scope === undefined ? [] : grantedFitbitScopes(context.api, token.scope),
  };
}

// Fitbit: https://dev.fitbit.com/build/reference/web-api/authorization/revoke-token/ (client
// authentication as at the token endpoint); Google: https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke
async function revoke(context: UpstreamContext, token: string): Promise<void> {
  await revokeToken({
    url: context.endpoints.revoke,
    token,
    client: context.api === 'fitbit-legacy' ? endpointClient(context.credentials) : undefined,
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    refusal: context.refusal,
  });
}
