import { createHash, randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../domain/ports.js';
import { familyExpiry, refreshTokenExpiry } from '../../domain/token_lifetimes.js';
import type { RefreshTokenPolicy } from '../../domain/types.js';
import { InvalidGrantError, isRefusal } from '../../errors/index.js';
import { isGrantRevoked, revokeGrant } from './grant_revocation.js';

/**
 * Refresh tokens under the client's policy (Auth0's refresh_token settings). A token is 256 random
 * bits handed to the client once; the store keeps only its SHA-256, so a copy of the store yields no
 * usable token. All tokens of one grant form a family.
 *
 * Rotating (OAuth 2.1 §4.3.1, RFC 6819 §5.2.2.3): each use replaces the token with a new one of the
 * family and leaves the old one as a tombstone. A tombstone presented within `leeway` seconds of its
 * rotation is honoured again (two tabs refreshing at once); later it means two parties hold the
 * token, and the whole family is revoked. Non-rotating (Auth0's default for regular web apps): the
 * token stays the same, may be sent any number of times, in parallel too, and each use restarts its
 * idle lifetime; revoking it (or its grant) ends it. Both lifetimes are checked against the policy in
 * force at each use.
 */
export interface RefreshTokenRecord {
  tenant: string;
  clientId: string;
  userId: string;
  grantId: string;
  scope: string[];
  /** Epoch seconds of the original login, carried into re-issued id_tokens; the family's lifetime runs from it. */
  authTime: number;
  connection?: string;
  /** The login session's id, carried into re-issued id_tokens; absent on records older than it. */
  sid?: string;
  /**
   * The tenant URL the login was made under, whose issuer the re-issued tokens carry
   * (grant_tenant_url.ts); absent on records older than it, refreshed under the request's host.
   */
  tenantUrl?: string;
  /**
   * The createdAt of the user record the grant was issued to (earlier_user.ts): a user deleted and
   * signed up again under the same id is a later one. Absent on records older than it.
   */
  userCreatedAt?: string;
  /**
   * The user's grant to a third-party client the family was issued under (domain/user_grants.ts
   * consentStands): revoking that grant refuses the family. Absent for first-party clients and on
   * records older than it.
   */
  consentGrantId?: string;
  /** Epoch seconds: when the stored record expires. */
  expiresAt: number;
  /** Epoch seconds when it was issued, or last used (non-rotating); absent on older records. */
  activeAt?: number;
  /** Set once the token has been exchanged for a newer one. */
  rotatedAt?: string;
}

export type NewRefreshToken = Omit<RefreshTokenRecord, 'expiresAt' | 'rotatedAt' | 'activeAt'>;

export interface RefreshTokenUse<Checked> {
  /** The presented token's record. */
  record: RefreshTokenRecord;
  checked: Checked;
  /** Whether the caller issues a successor (rotating) or the client keeps using the same token. */
  rotate: boolean;
}

function storageKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const toSeconds = (ms: number) => Math.floor(ms / 1000);

function ttlOf(record: RefreshTokenRecord, now: number): number {
  return record.expiresAt - toSeconds(now);
}

function recordFor(data: NewRefreshToken, policy: RefreshTokenPolicy, now: number): RefreshTokenRecord {
  const nowSeconds = toSeconds(now);
  const expiresAt = refreshTokenExpiry(policy, nowSeconds, familyExpiry(policy, data.authTime));
  return { ...data, activeAt: nowSeconds, expiresAt };
}

export async function issueRefreshToken(
  ephemeral: EphemeralStore,
  data: NewRefreshToken,
  policy: RefreshTokenPolicy,
  now = Date.now(),
): Promise<string | undefined> {
  const record = recordFor(data, policy, now);
  // A family past its absolute lifetime gets no new token: the user must log in again.
  if (ttlOf(record, now) <= 0) return undefined;
  const token = randomBytes(32).toString('base64url');
  await ephemeral.put('refresh_token', storageKey(token), record, ttlOf(record, now));
  return token;
}

/**
 * Auth0's words, to the letter, for every refresh token it will not honour (unknown, expired, revoked,
 * another client's, or a spent one presented again): auth0-spa-js with useRefreshTokensFallback
 * falls back to silent login in an iframe only when the message contains "invalid refresh token"
 * (INVALID_REFRESH_TOKEN_ERROR_MESSAGE in its constants.ts). Any other text strands the app with an
 * error where the user's session could have carried on.
 */
const INVALID_REFRESH_TOKEN = 'Unknown or invalid refresh token.';

const unknownToken = () => new InvalidGrantError(INVALID_REFRESH_TOKEN);

/** The refusal of a token that is no longer any good, for a caller that judges it after this file did. */
export const refusedRefreshToken = unknownToken;

/** Whether the policy now in force has retired the token (the policy may have been shortened since issue). */
function expiredUnder(policy: RefreshTokenPolicy, record: RefreshTokenRecord, now: number): boolean {
  const nowSeconds = toSeconds(now);
  if (record.expiresAt <= nowSeconds) return true;
  const familyEnd = familyExpiry(policy, record.authTime);
  if (familyEnd !== undefined && familyEnd <= nowSeconds) return true;
  const idle = policy.expirationType === 'expiring' ? policy.idleTokenLifetimeSeconds : undefined;
  return idle !== undefined && record.activeAt !== undefined && record.activeAt + idle <= nowSeconds;
}

/** A spent token presented again within the reuse grace (strictly positive leeway) is honoured. */
function withinLeeway(policy: RefreshTokenPolicy, record: RefreshTokenRecord, now: number): boolean {
  if (!record.rotatedAt || policy.leewaySeconds <= 0) return false;
  return now - Date.parse(record.rotatedAt) <= policy.leewaySeconds * 1000;
}

/**
 * Uses a refresh token of this client under `policy`: `issue` gets the token's record, what
 * `checkRequest` made of it and whether to issue a successor, and its result comes back; or
 * invalid_grant is thrown. `checkRequest` sees the record before anything is spent, so a request
 * refused for its own parameters (a wider scope) leaves the token usable.
 *
 * A rotating token is spent (replaced by its tombstone, in one atomic step) only after `issue`
 * succeeded: a failure on fitgate's side while the successor is written (a 503 whose Retry-After
 * invites a retry) leaves the token as it was, where spending it first would have made the retry a
 * reuse and revoked the family. A refusal from `issue` (a blocked user) spends it. Of two concurrent
 * uses exactly one takes the token; the other is judged as a reuse (honoured within the leeway,
 * otherwise the family is revoked, its own unreturned successor with it).
 */
export async function useRefreshToken<Checked, T>(
  ephemeral: EphemeralStore,
  owner: { tenant: string; clientId: string; policy: RefreshTokenPolicy },
  token: string,
  checkRequest: (record: RefreshTokenRecord) => Checked,
  issue: (use: RefreshTokenUse<Checked>) => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const { tenant, clientId, policy } = owner;
  const key = storageKey(token);
  // Read before consuming so that a token presented to the wrong tenant or client is refused without
  // being destroyed: only its holder's own client can spend it.
  const found = await ephemeral.get<RefreshTokenRecord>('refresh_token', key);
  if (!found || found.tenant !== tenant || found.clientId !== clientId) throw unknownToken();
  if (found.rotatedAt) return issue(await reuse(ephemeral, policy, found, checkRequest, now));
  if (expiredUnder(policy, found, now)) throw unknownToken();
  const checked = checkRequest(found);
  if (await isGrantRevoked(ephemeral, tenant, found.grantId)) throw unknownToken();

  if (policy.rotationType === 'non-rotating') {
    // Nothing is spent, so concurrent uses all succeed. The idle lifetime restarts only once tokens
    // were issued: a refused use (a blocked user) does not keep the token alive.
    const issued = await issue({ record: found, checked, rotate: false });
    const touched = { ...found, activeAt: toSeconds(now), expiresAt: recordFor(found, policy, now).expiresAt };
    if (ttlOf(touched, now) > 0) await ephemeral.put('refresh_token', key, touched, ttlOf(touched, now));
    return issued;
  }

  let issued: T;
  try {
    issued = await issue({ record: found, checked, rotate: true });
  } catch (error) {
    if (isRefusal(error)) await rotateOut(ephemeral, key, found, now);
    throw error;
  }
  const taken = await rotateOut(ephemeral, key, found, now);
  if (!taken) throw unknownToken();
  if (taken.rotatedAt) {
    // Another use rotated it first: its tombstone goes back as it was, and this use is a reuse.
    await ephemeral.put('refresh_token', key, taken, Math.max(1, ttlOf(taken, now)));
    await reuse(ephemeral, policy, taken, checkRequest, now);
  }
  return issued;
}

/**
 * Takes the token out and leaves its tombstone under the same key in the same atomic step. Resolves
 * with what was taken (already a tombstone when another use came first), or undefined when it is gone.
 */
function rotateOut(ephemeral: EphemeralStore, key: string, record: RefreshTokenRecord, now: number): Promise<RefreshTokenRecord | undefined> {
  const ttlSeconds = ttlOf(record, now);
  const tombstone: RefreshTokenRecord = { ...record, rotatedAt: new Date(now).toISOString() };
  return ephemeral.consume<RefreshTokenRecord>('refresh_token', key, ttlSeconds > 0 ? { key, value: tombstone, ttlSeconds } : undefined);
}

/** A spent token again: honoured within the leeway, otherwise the family is revoked. */
async function reuse<Checked>(
  ephemeral: EphemeralStore,
  policy: RefreshTokenPolicy,
  record: RefreshTokenRecord,
  checkRequest: (record: RefreshTokenRecord) => Checked,
  now: number,
): Promise<RefreshTokenUse<Checked>> {
  if (!withinLeeway(policy, record, now)) {
    await revokeGrant(ephemeral, record.tenant, record.grantId, 'refresh_token_reused');
    // Auth0 answers a reuse as any unusable token; the grant's revocation keeps the reason.
    throw unknownToken();
  }
  if (expiredUnder(policy, record, now) || (await isGrantRevoked(ephemeral, record.tenant, record.grantId))) throw unknownToken();
  return { record, checked: checkRequest(record), rotate: true };
}

/**
 * The record of a refresh token of this client that is live now (known, not expired under the policy
 * in force, its grant not revoked), read without using it: nothing is spent, rotated or touched, so
 * the client goes on refreshing with it as before (the Token Vault exchange presents it as proof of
 * the user's grant). Anything else is invalid_grant in Auth0's words.
 *
 * A spent rotating token is judged as a refresh judges it (reuse): within the leeway it is honoured
 * (a refresh would be, so refusing it protects nothing), later it means two parties hold the family,
 * which is revoked. That it is only read here changes nothing: RFC 9700 §4.14.2 revokes the family
 * because an invalidated token was presented at all, and a thief who rotated first would otherwise
 * go on exchanging with the live successor while the user's own client is refused in silence.
 */
export async function liveRefreshToken(
  ephemeral: EphemeralStore,
  owner: { tenant: string; clientId: string; policy: RefreshTokenPolicy },
  token: string,
  now = Date.now(),
): Promise<RefreshTokenRecord> {
  const found = await ephemeral.get<RefreshTokenRecord>('refresh_token', storageKey(token));
  if (!found || found.tenant !== owner.tenant || found.clientId !== owner.clientId) throw unknownToken();
  if (found.rotatedAt) return (await reuse(ephemeral, owner.policy, found, () => undefined, now)).record;
  if (expiredUnder(owner.policy, found, now) || (await isGrantRevoked(ephemeral, owner.tenant, found.grantId))) throw unknownToken();
  return found;
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
