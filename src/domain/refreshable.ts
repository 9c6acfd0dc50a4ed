import type { Identity } from './types.js';

/**
 * Whether the token vault can renew the identity's upstream access token once it expires: it holds a
 * refresh token (a non-empty one, the rule of issued_tokens.ts). One that does not works until its
 * access token expires; the vault then marks it `refresh_token_missing` and the user must sign in
 * again (token_refresh.ts).
 */
export function refreshable(identity: Pick<Identity, 'tokens'>): boolean {
  return Boolean(identity.tokens?.refreshToken);
}
