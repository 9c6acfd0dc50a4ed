import { markNeedsReauthorization } from './identity_status.js';
import type { Sealer } from './ports.js';
import type { SealedRecord } from './sealed_values.js';
import { generateSigningKey } from './signing_keys.js';
import type { Sealed, User } from './types.js';

/**
 * The record without the values sealed under a lost master key, for `reseal --forget-lost`: what
 * nobody can open any more is replaced by what makes the installation work again, and said so.
 * - a connection's client secret is removed: an administrator re-enters it;
 * - a tenant's signing key is removed, and a new one generated when none is left;
 * - a user's identity loses its tokens and needs reauthorization: the user logs in again.
 */
export async function forgetLostValues(sealed: SealedRecord, isLost: (value: Sealed) => boolean, sealer: Sealer, now: Date): Promise<SealedRecord> {
  switch (sealed.kind) {
    case 'tenant': {
      const kept = sealed.record.signingKeys.filter((key) => !isLost(key.privateJwk));
      const signingKeys = kept.length > 0 ? kept : [await generateSigningKey(sealer, now)];
      return { kind: 'tenant', record: { ...sealed.record, signingKeys } };
    }
    case 'connection': {
      const { clientSecret, ...options } = sealed.record.options;
      if (clientSecret === undefined || !isLost(clientSecret)) return sealed;
      return { kind: 'connection', record: { ...sealed.record, options, updatedAt: now.toISOString() } };
    }
    case 'user':
      return { kind: 'user', record: forgetLostUserTokens(sealed.record, isLost, now) };
  }
}

/** The user's side alone, and synchronous: the re-seal applies it inside a user update (user_updates.ts). */
export function forgetLostUserTokens(user: User, isLost: (value: Sealed) => boolean, now: Date): User {
  const identities = user.identities.map((identity) => {
    const tokens = identity.tokens;
    const lost = tokens !== undefined && (isLost(tokens.accessToken) || (tokens.refreshToken !== undefined && isLost(tokens.refreshToken)));
    return lost ? markNeedsReauthorization(identity, 'master_key_lost', now) : identity;
  });
  return { ...user, identities, updatedAt: now.toISOString() };
}
