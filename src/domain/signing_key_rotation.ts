import type { SigningKey, SigningKeyStatus, Tenant } from './types.js';
import { MAX_SIGNED_TOKEN_LIFETIME_SECONDS } from './token_lifetimes.js';

/**
 * A tenant's signing keys move through Auth0's states: `next` (published in the JWKS, signing
 * nothing yet, so relying parties have it before it signs), `current` (signs everything), `previous`
 * (rotated out: still published until every token it signed has expired) and `revoked` (gone from
 * the JWKS at once; tokens it signed fail verification). Pure functions over the tenant record;
 * signing_key_changes.ts stores the results.
 */

export interface KeyInState {
  key: SigningKey;
  status: SigningKeyStatus;
}

/**
 * Each key with its state. Keys stored before states existed carry none: the first of them signs
 * (unless a key is explicitly current) and the rest are previous keys of unknown retirement.
 */
export function keyStates(tenant: Pick<Tenant, 'signingKeys'>): KeyInState[] {
  let currentSeen = tenant.signingKeys.some((key) => key.status === 'current');
  return tenant.signingKeys.map((key) => {
    if (key.status) return { key, status: key.status };
    if (!currentSeen) {
      currentSeen = true;
      return { key, status: 'current' };
    }
    return { key, status: 'previous' };
  });
}

/** The key that signs; undefined only for a tenant with no usable key. */
export function currentSigningKey(tenant: Pick<Tenant, 'signingKeys'>): SigningKey | undefined {
  return keyStates(tenant).find((entry) => entry.status === 'current')?.key;
}

/** Whether a retired key can still have unexpired tokens out there. */
function stillVerifiesTokens(key: SigningKey, now: Date): boolean {
  if (!key.currentUntil) return true;
  return Date.parse(key.currentUntil) + MAX_SIGNED_TOKEN_LIFETIME_SECONDS * 1000 > now.getTime();
}

/**
 * What the JWKS publishes and what verifies this tenant's tokens: current first, then next, then
 * previous keys whose tokens may still be valid. Never a revoked key.
 */
export function publishedSigningKeys(tenant: Pick<Tenant, 'signingKeys'>, now = new Date()): SigningKey[] {
  const states = keyStates(tenant);
  const pick = (status: SigningKeyStatus) => states.filter((entry) => entry.status === status).map((entry) => entry.key);
  return [...pick('current'), ...pick('next'), ...pick('previous').filter((key) => stillVerifiesTokens(key, now))];
}

/**
 * The tenant after a rotation: the next key signs from now on, the current one becomes previous, and
 * `freshNext` is published as the new next key. A tenant stored before next keys existed has none
 * to promote; then `freshNext` is promoted at once and `laterNext` published as next.
 */
export function rotatedKeys(tenant: Tenant, freshNext: SigningKey, laterNext: SigningKey, now = new Date()): { tenant: Tenant; current: SigningKey } {
  const at = now.toISOString();
  const states = keyStates(tenant);
  const waiting = states.find((entry) => entry.status === 'next')?.key;
  const promoted: SigningKey = { ...(waiting ?? freshNext), status: 'current', currentSince: at };
  const newNext: SigningKey = { ...(waiting ? freshNext : laterNext), status: 'next' };
  const others = states
    .filter((entry) => entry.key.kid !== waiting?.kid)
    .map(({ key, status }): SigningKey => (status === 'current' ? { ...key, status: 'previous', currentUntil: at } : { ...key, status }));
  return { tenant: { ...tenant, signingKeys: [promoted, newNext, ...others] }, current: promoted };
}

export type RevocationRefusal = 'not_found' | 'in_use';

/**
 * The tenant after revoking `kid`. Only a previous key may be revoked, as at Auth0: the current
 * key must be rotated out first, and the next key is what a rotation promotes.
 */
export function revokedKeys(tenant: Tenant, kid: string, now = new Date()): { tenant: Tenant; revoked: SigningKey } | RevocationRefusal {
  const states = keyStates(tenant);
  const target = states.find((entry) => entry.key.kid === kid);
  if (!target) return 'not_found';
  if (target.status === 'current' || target.status === 'next') return 'in_use';
  const revoked: SigningKey = { ...target.key, status: 'revoked', revokedAt: target.key.revokedAt ?? now.toISOString() };
  const signingKeys = states.map(({ key, status }) => (key.kid === kid ? revoked : { ...key, status }));
  return { tenant: { ...tenant, signingKeys }, revoked };
}
