import type { VaultAccessToken, TokenVault } from '../../domain/token_vault.js';
import { identityKey } from '../../domain/identity_ids.js';
import type { User } from '../../domain/types.js';
import { isVaultFailure } from '../../domain/vault_errors.js';
import { accessTokenErrorOf, type AccessTokenError } from './access_token_error.js';

/** What GET /users/{id} shows of one identity's upstream token: the token, or why it has none now. */
export type IdentityToken = { token: VaultAccessToken } | { error: AccessTokenError };

/**
 * The upstream access token of every identity that has (or had) tokens, each fresh from the vault.
 * One identity's trouble never fails the read: Auth0's GET /users/{id} answers the profile whatever
 * its identities' tokens are, and SDKs ask for tokens on every profile read (their token carries
 * read:user_idp_tokens). An identity whose token cannot be had (it needs reauthorization, which the
 * stored user read after this also shows as its status; the upstream is down or rate-limiting; its
 * client was refused; its connection deleted, or unable to reach its upstream) gets why in place of
 * the token, so that it is never mistaken for one served. Only the user's own absence (404) and
 * fitgate's own failures (its store) fail the read.
 */
export async function identityTokens(vault: TokenVault, user: User): Promise<Map<string, IdentityToken>> {
  const holders = user.identities.filter((identity) => identity.tokens !== undefined || identity.status === 'needs_reauthorization');
  const reads = await Promise.all(
    holders.map((identity) =>
      vault
        .accessToken({ tenant: user.tenant, userId: user.userId, connection: identity.connection, upstreamUserId: identity.userId })
        .then((token): IdentityToken | undefined => ({ token }), withheld),
    ),
  );
  // Keyed by connection and upstream id, so tokens fit the user however often it is re-read.
  const tokens = new Map<string, IdentityToken>();
  holders.forEach((identity, index) => {
    const read = reads[index];
    if (read) tokens.set(identityKey(identity), read);
  });
  return tokens;
}

function withheld(error: unknown): IdentityToken | undefined {
  if (!isVaultFailure(error)) throw error;
  switch (error.kind) {
    case 'not_found':
      // The user deleted meanwhile is a 404 as for any read; an identity unlinked meanwhile is
      // absent from (or marked unlinked in) the user as stored, which is what the read answers.
      if (error.missing === 'user') throw error;
      return undefined;
    case 'needs_reauthorization':
    case 'connection_gone':
    case 'rate_limited':
    case 'unavailable':
      return { error: accessTokenErrorOf(error) };
  }
}
