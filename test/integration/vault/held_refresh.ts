import type { IdentityRef } from '../../../src/domain/stored_identity.js';
import { TokenVault } from '../../../src/domain/token_vault.js';
import type { Connection, Sealed, User } from '../../../src/domain/types.js';
import type { RefreshedUpstreamTokens } from '../../../src/domain/upstream_token_client.js';
import type { Sealer } from '../../../src/domain/ports.js';
import type { Store } from '../../../src/store/store.js';
import { connectionRecord, identityRecord, tenantRecord, userRecord } from '../store/records.js';

/**
 * A token vault on a real store whose upstream refresh is held until the test lets it answer, so
 * another write can land between the refresh reading the identity and storing what it got.
 */

export interface HeldRefresh {
  /** Settles once the upstream was called: the refresh has read the identity and holds its lock. */
  readonly called: Promise<string>;
  /** Lets the upstream answer the refresh with `answer`. */
  answer(answer: RefreshedUpstreamTokens): void;
}

export interface SeededIdentity {
  ref: IdentityRef;
  user: User;
  connection: Connection;
}

/**
 * A tenant, a connection of `api` and a user whose one identity holds `tokens`, with 10 s left:
 * below the vault's servable margin, so a read waits for the refresh instead of taking the stored token.
 */
export async function seedExpiringIdentity(
  store: Store,
  api: string,
  tokens: { accessToken: Sealed; refreshToken?: Sealed },
  grantedScopes: string[],
): Promise<SeededIdentity> {
  const tenant = tenantRecord();
  await store.tenants.create(tenant);
  const connection = connectionRecord(tenant.name, { name: 'fitbit', options: { api, scope: grantedScopes, profileSync: 'on_each_login' } });
  await store.connections.create(connection);
  const upstreamUserId = 'U1';
  const user = userRecord(tenant.name, {
    upstreamId: upstreamUserId,
    identities: [identityRecord(upstreamUserId, { api, grantedScopes, tokens: { ...tokens, expiresAt: Date.now() + 10_000 } })],
  });
  await store.users.create(user);
  return { ref: { tenant: tenant.name, userId: user.userId, connection: 'fitbit', upstreamUserId }, user, connection };
}

/** A vault over `store` whose one upstream refresh waits for held.answer(). */
export function vaultWithHeldRefresh(store: Store, sealer: Sealer): { vault: TokenVault; held: HeldRefresh } {
  let called!: (refreshToken: string) => void;
  const calledOnce = new Promise<string>((resolve) => (called = resolve));
  let answer!: (tokens: RefreshedUpstreamTokens) => void;
  const answered = new Promise<RefreshedUpstreamTokens>((resolve) => (answer = resolve));
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const vault = new TokenVault({
    users: store.users,
    connections: store.connections,
    locks: store.locks,
    ephemeral: store.ephemeral,
    sealer,
    tokenClientFor: async () => ({
      refresh: async (refreshToken) => {
        called(refreshToken);
        return answered;
      },
      revoke: async () => undefined,
    }),
    recordEvent: async () => undefined,
    logger: quiet,
  });
  return { vault, held: { called: calledOnce, answer } };
}
