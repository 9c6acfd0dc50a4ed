import { sealIssuedTokens, type IssuedTokens } from './issued_tokens.js';
import type { Sealer } from './ports.js';
import type { Identity, Sealed, UpstreamTokens } from './types.js';

/** What a refresh writes, and whether tokens another writer stored meanwhile were kept instead of its own. */
export interface RefreshWrite {
  identity: Identity;
  keptStored: boolean;
}

/**
 * The identity a refresh stores: its change to the identity as it is at the write (`current`),
 * given the tokens it read and refreshed (`spent`) and what the upstream issued for them.
 *
 * A login writes an identity's tokens without the refresh lock (taking it would cost every login a
 * store round trip), so one may land while the upstream answers a refresh. The login's tokens are
 * the newer grant, with the scopes the user has just consented to: they stay, and the refresh writes
 * nothing. Its own tokens are left to expire, not revoked: its caller is handed the access token, and
 * an upstream may end the whole grant of a revoked token (Google and Fitbit do), which for one
 * client and user would end the login's as well (as a login that replaces the tokens of the same
 * API revokes nothing). Except
 * that a stored refresh token that is still the one this refresh spent (a login that brought none
 * kept it) was retired by an upstream that rotated it: its successor is stored in its place.
 *
 * The tokens are compared, not their sealing: a re-seal changes only that, and a refresh across one
 * stores its tokens as without it, keeping the refresh token in its new sealing.
 */
export function refreshWrite(current: Identity, spent: UpstreamTokens, issued: IssuedTokens, now: number, sealer: Sealer): RefreshWrite {
  const stored = current.tokens;
  if (stored && sameToken(stored.accessToken, spent.accessToken, sealer) && sameToken(stored.refreshToken, spent.refreshToken, sealer)) {
    const { tokens, grantedScopes } = sealIssuedTokens(issued, { at: 'refresh', previous: current }, now, sealer);
    return { identity: { ...current, tokens, grantedScopes }, keptStored: false };
  }
  if (stored && issued.refreshToken && sameToken(stored.refreshToken, spent.refreshToken, sealer)) {
    return { identity: { ...current, tokens: { ...stored, refreshToken: sealer.seal(issued.refreshToken) } }, keptStored: true };
  }
  return { identity: current, keptStored: true };
}

function sameToken(a: Sealed | undefined, b: Sealed | undefined, sealer: Pick<Sealer, 'open'>): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  try {
    return sealer.open(a) === sealer.open(b);
  } catch {
    // Sealed under a key this instance lacks: written since the read, by an instance that has it.
    return false;
  }
}
