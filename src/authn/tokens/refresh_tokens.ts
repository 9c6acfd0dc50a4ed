import { createHash, randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import { InvalidGrantError } from '../../errors/index.js';
import { isGrantRevoked, revokeGrant } from './grant_revocation.js';
import { REFRESH_TOKEN_TTL_SECONDS } from './lifetimes.js';

/**
 * Rotating refresh tokens (OAuth 2.1 §4.3.1, RFC 6819 §5.2.2.3). A token is 256 random bits handed to
 * the client once; the store keeps only its SHA-256, so a copy of the store yields no usable token.
 * Each use replaces the token with a new one of the same grant (the family) and leaves the old one as a
 * tombstone: presenting a tombstone means two parties hold the token, and the whole family is revoked.
 */
export interface RefreshTokenRecord {
  tenant: string;
  clientId: string;
  userId: string;
  grantId: string;
  scope: string[];
  /** Epoch seconds of the original login, carried into re-issued id_tokens. */
  authTime: number;
  connection?: string;
  /** Epoch seconds. */
  expiresAt: number;
  /** Set once the token has been exchanged for a newer one. */
  rotatedAt?: string;
}

export type NewRefreshToken = Omit<RefreshTokenRecord, 'expiresAt' | 'rotatedAt'>;

function storageKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function secondsLeft(record: RefreshTokenRecord, now: number): number {
  return record.expiresAt - Math.floor(now / 1000);
}

export async function issueRefreshToken(ephemeral: EphemeralStore, data: NewRefreshToken, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const record: RefreshTokenRecord = { ...data, expiresAt: Math.floor(now / 1000) + REFRESH_TOKEN_TTL_SECONDS };
  await ephemeral.put('refresh_token', storageKey(token), record, REFRESH_TOKEN_TTL_SECONDS);
  return token;
}

const unknownToken = () => new InvalidGrantError('the refresh token is invalid, expired or revoked');

/**
 * Spends a refresh token of this client: returns its record and leaves a tombstone in its place, or
 * throws invalid_grant. A tombstone presented again revokes the token's grant (and so its family).
 * `checkRequest` sees the record before it is spent, so a request refused for its own parameters
 * (a wider scope) leaves the token usable; what it returns comes back with the spent record. The
 * caller issues the successor with the same grantId.
 */
export async function spendRefreshToken<Checked>(
  ephemeral: EphemeralStore,
  owner: { tenant: string; clientId: string },
  token: string,
  checkRequest: (record: RefreshTokenRecord) => Checked,
  now = Date.now(),
): Promise<{ spent: RefreshTokenRecord; checked: Checked }> {
  const { tenant, clientId } = owner;
  const key = storageKey(token);
  // Read before consuming so that a token presented to the wrong tenant or client is refused without
  // being destroyed: only its holder's own client can spend it.
  const found = await ephemeral.get<RefreshTokenRecord>('refresh_token', key);
  if (!found || found.tenant !== tenant || found.clientId !== clientId) throw unknownToken();
  if (found.rotatedAt) return refuseReuse(ephemeral, found);
  const checked = checkRequest(found);

  // The atomic consume decides between concurrent uses of one token: exactly one gets the record.
  const spent = await ephemeral.consume<RefreshTokenRecord>('refresh_token', key);
  if (!spent) throw unknownToken();
  if (spent.rotatedAt) {
    await ephemeral.put('refresh_token', key, spent, Math.max(1, secondsLeft(spent, now)));
    return refuseReuse(ephemeral, spent);
  }
  const tombstone: RefreshTokenRecord = { ...spent, rotatedAt: new Date(now).toISOString() };
  const left = secondsLeft(spent, now);
  if (left > 0) await ephemeral.put('refresh_token', key, tombstone, left);

  if (await isGrantRevoked(ephemeral, tenant, spent.grantId)) throw unknownToken();
  return { spent, checked };
}

async function refuseReuse(ephemeral: EphemeralStore, record: RefreshTokenRecord): Promise<never> {
  await revokeGrant(ephemeral, record.tenant, record.grantId, 'refresh_token_reused');
  throw new InvalidGrantError('the refresh token was already used; every token of this grant is now revoked');
}

/**
 * RFC 7009 revocation of a refresh token presented by its client: revokes its grant, so the access
 * tokens issued alongside die too (§2.1 "SHOULD also invalidate the access token"). Returns the
 * revoked token's record, or undefined when the token is unknown or belongs to another client (which
 * the endpoint still answers with 200).
 */
export async function revokeRefreshToken(
  ephemeral: EphemeralStore,
  tenant: string,
  clientId: string,
  token: string,
): Promise<RefreshTokenRecord | undefined> {
  const key = storageKey(token);
  const found = await ephemeral.get<RefreshTokenRecord>('refresh_token', key);
  if (!found || found.tenant !== tenant || found.clientId !== clientId) return undefined;
  await revokeGrant(ephemeral, tenant, found.grantId, 'revoked_by_client');
  await ephemeral.delete('refresh_token', key);
  return found;
}
