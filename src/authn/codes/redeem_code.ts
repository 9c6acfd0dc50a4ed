import { createHash } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import { InvalidGrantError } from '../../errors/index.js';
import type { AuthorizationCodeRecord } from './authorization_code.js';
import { revokeGrant } from '../tokens/grant_revocation.js';
import { CONSUMED_CODE_TOMBSTONE_TTL_SECONDS } from '../tokens/lifetimes.js';

/** What a consumed code leaves behind: enough to revoke what it issued if it comes back. */
interface ConsumedCode {
  tenant: string;
  grantId: string;
}

/** Codes are base64url, so a key with ":" can never collide with a live code's key. */
function tombstoneKey(code: string): string {
  return `consumed:${createHash('sha256').update(code, 'utf8').digest('hex')}`;
}

/**
 * Takes this client's code out of the store in one atomic step, so of two concurrent exchanges
 * exactly one gets it. A code issued to another client or tenant (RFC 6749 §4.1.3) is refused and
 * left alone, so nobody can burn someone else's code. A code that comes back after its exchange is a
 * replay: §4.1.2 says the server SHOULD revoke every token issued from it, so its grant is revoked
 * (refresh tokens stop refreshing, access tokens are refused at /userinfo). Whatever checks fail
 * after this point, the code is spent.
 */
export async function redeemCode(
  ephemeral: EphemeralStore,
  owner: { tenant: string; clientId: string },
  code: string,
): Promise<AuthorizationCodeRecord> {
  const issued = await ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
  if (issued && (issued.tenant !== owner.tenant || issued.clientId !== owner.clientId)) {
    throw new InvalidGrantError('the authorization code was not issued to this client');
  }
  if (issued) {
    // The tombstone goes in with the consume, so no exchange can see the code gone and not yet remembered.
    const consumed: ConsumedCode = { tenant: issued.tenant, grantId: issued.grantId };
    const tombstone = { key: tombstoneKey(code), value: consumed, ttlSeconds: CONSUMED_CODE_TOMBSTONE_TTL_SECONDS };
    const record = await ephemeral.consume<AuthorizationCodeRecord>('authorization_code', code, tombstone);
    if (record) return record;
  }
  const consumed = await ephemeral.get<ConsumedCode>('authorization_code', tombstoneKey(code));
  if (consumed && consumed.tenant === owner.tenant) {
    await revokeGrant(ephemeral, owner.tenant, consumed.grantId, 'authorization_code_replayed');
    throw new InvalidGrantError('the authorization code was already used; the tokens issued from it are now revoked');
  }
  throw new InvalidGrantError('the authorization code is invalid or has expired');
}
