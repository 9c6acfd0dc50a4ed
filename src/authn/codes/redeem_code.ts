import { createHash } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import { InvalidGrantError, isRefusal } from '../../errors/index.js';
import type { AuthorizationCodeRecord } from './authorization_code.js';
import { revokeGrant } from '../tokens/grant_revocation.js';
import { CONSUMED_CODE_TOMBSTONE_TTL_SECONDS } from '../tokens/lifetimes.js';

/** What a consumed code leaves behind: enough to revoke what it issued if it comes back. */
interface ConsumedCode {
  tenant: string;
  /** Absent from tombstones written before it was kept (they live minutes). */
  clientId?: string;
  grantId: string;
  /**
   * The exchange that spent it was refused (a wrong code_verifier or redirect_uri), so no tokens
   * were returned from it. Absent: tokens were issued, or the tombstone predates the flag.
   */
  refused?: true;
}

/** Who presents the code: only the client it was issued to, in its tenant, may redeem it. */
export interface CodeOwner {
  tenant: string;
  clientId: string;
}

/**
 * A code gets one exchange, and a refused one spent it. It does not claim tokens were revoked: none
 * were returned from it.
 */
const REFUSED_BEFORE = 'the authorization code was already presented and refused; it cannot be used again: start a new login';

/** Codes are base64url, so a key with ":" can never collide with a live code's key. */
function tombstoneKey(code: string): string {
  return `consumed:${createHash('sha256').update(code, 'utf8').digest('hex')}`;
}

/**
 * Redeems this client's code: `issue` checks the request against the code's record and issues the
 * tokens, and the code is taken out of the store after that, in one atomic step, so of two
 * concurrent exchanges exactly one returns tokens.
 *
 * - A code issued to another client or tenant (RFC 6749 §4.1.3) is refused and left alone, so
 *   nobody can burn someone else's code.
 * - A refusal of this exchange (a wrong redirect_uri or PKCE verifier, a blocked user) spends the
 *   code: a verifier gets one guess. The code's tombstone says it was refused, so presenting it
 *   again is answered as such, not as the replay of a code that issued tokens.
 * - A failure on fitgate's side (its store down, full or busy: a 503) leaves the code as it was,
 *   so the client's retry, which that answer's Retry-After invites, can still succeed. Taking the
 *   code first would have left a retry nothing but a replay.
 * - A code that comes back after its exchange is a replay: §4.1.2 says the server SHOULD revoke
 *   every token issued from it, so its grant is revoked (refresh tokens stop refreshing, access
 *   tokens are refused at /userinfo). An exchange that loses the race to take the code is one too,
 *   and its own tokens, issued but never returned, go with the grant.
 */
export async function redeemCode<T>(
  ephemeral: EphemeralStore,
  owner: CodeOwner,
  code: string,
  issue: (record: AuthorizationCodeRecord) => Promise<T>,
): Promise<T> {
  const record = await ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
  if (!record) return refuseSpentCode(ephemeral, owner, code);
  if (record.tenant !== owner.tenant || record.clientId !== owner.clientId) {
    throw new InvalidGrantError('the authorization code was not issued to this client');
  }
  let issued: T;
  try {
    issued = await issue(record);
  } catch (error) {
    if (isRefusal(error)) await spendCode(ephemeral, code, record, 'refused');
    throw error;
  }
  if (!(await spendCode(ephemeral, code, record, 'issued'))) return refuseSpentCode(ephemeral, owner, code);
  return issued;
}

/** Takes the code out, leaving its tombstone in the same step; false when another exchange took it first. */
async function spendCode(ephemeral: EphemeralStore, code: string, record: AuthorizationCodeRecord, outcome: 'issued' | 'refused'): Promise<boolean> {
  // The tombstone goes in with the consume, so no exchange can see the code gone and not yet remembered;
  // it says how the exchange ended in that same write, so a retry is told the truth at no extra cost.
  const consumed: ConsumedCode = { tenant: record.tenant, clientId: record.clientId, grantId: record.grantId, ...(outcome === 'refused' && { refused: true }) };
  const tombstone = { key: tombstoneKey(code), value: consumed, ttlSeconds: CONSUMED_CODE_TOMBSTONE_TTL_SECONDS };
  return (await ephemeral.consume<AuthorizationCodeRecord>('authorization_code', code, tombstone)) !== undefined;
}

/**
 * The code is not in the store: a replay (whose grant is revoked here) or a code that never was or
 * expired. Only its own client replays it: another client that holds a spent code revokes nothing.
 */
async function refuseSpentCode(ephemeral: EphemeralStore, owner: CodeOwner, code: string): Promise<never> {
  const consumed = await ephemeral.get<ConsumedCode>('authorization_code', tombstoneKey(code));
  if (consumed && consumed.tenant === owner.tenant && (consumed.clientId ?? owner.clientId) === owner.clientId) {
    // Revoked even after a refusal: an exchange that lost the race to a refused one issued tokens
    // nobody received, and they go with the grant.
    await revokeGrant(ephemeral, owner.tenant, consumed.grantId, 'authorization_code_replayed');
    if (consumed.refused) throw new InvalidGrantError(REFUSED_BEFORE);
    throw new InvalidGrantError('the authorization code was already used; the tokens issued from it are now revoked');
  }
  throw new InvalidGrantError('the authorization code is invalid or has expired');
}
