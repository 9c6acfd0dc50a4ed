import type { VaultAccessToken, TokenVault } from '../../domain/token_vault.js';
import { identityKey } from '../../domain/identity_ids.js';
import type { User } from '../../domain/types.js';

/**
 * The upstream access token of every identity that has (or had) tokens, each fresh from the vault.
 * An identity that needs reauthorization makes the whole read fail with that status (409): a caller
 * that asked for tokens must not mistake a missing one for a connected user.
 */
export async function identityTokens(vault: TokenVault, user: User): Promise<Map<string, VaultAccessToken>> {
  const holders = user.identities.filter((identity) => identity.tokens !== undefined || identity.status === 'needs_reauthorization');
  const tokens = await Promise.all(
    holders.map((identity) =>
      vault.accessToken({ tenant: user.tenant, userId: user.userId, connection: identity.connection, upstreamUserId: identity.userId }),
    ),
  );
  // Keyed by connection and upstream id, so tokens fit the user however often it is re-read.
  return new Map(holders.map((identity, index) => [identityKey(identity), tokens[index]!]));
}
