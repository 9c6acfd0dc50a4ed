import type { Identity, Sealed, UpstreamTokens } from './types.js';

/**
 * Whether the token vault can renew the identity's upstream access token once it expires: it holds a
 * refresh token (a non-empty one, the rule of issued_tokens.ts). One that does not works until its
 * access token is within TokenVaultTiming.servableMarginMs of expiry; the vault then marks it
 * `refresh_token_missing` and the user must sign in again (token_refresh.ts). The one rule for both the vault's refresh and a login's report, so they
 * never disagree on an identity; a type guard, so the refresh reads the token it just checked.
 */
export function refreshable<Held extends Pick<Identity, 'tokens'>>(
  identity: Held,
): identity is Held & { tokens: UpstreamTokens & { refreshToken: Sealed } } {
  return Boolean(identity.tokens?.refreshToken);
}
