import { setTimeout as delay } from 'node:timers/promises';
import { ConflictError } from '../errors/index.js';
import type { LockStore, Sealer, TenantRepository } from './ports.js';
import { keyStates, revokedKeys, rotatedKeys, type RevocationRefusal } from './signing_key_rotation.js';
import { generateSigningKey } from './signing_keys.js';
import { updateTenant } from './tenant_updates.js';
import type { SigningKey } from './types.js';

/**
 * Rotation and revocation as stored changes of the tenant record, written through the tenant
 * repository (whose cache every process then drops). A lock per tenant serialises them, so two
 * rotations at once cannot both promote the same next key and lose one's new key; each is applied
 * to the tenant as stored (updateTenant), so another change of the record meanwhile (its session
 * lifetimes) is kept.
 */
export interface SigningKeyDeps {
  tenants: TenantRepository;
  locks: LockStore;
  sealer: Sealer;
}

const LOCK_TTL_MS = 15_000;
const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 50;

async function underTenantLock<T>(locks: LockStore, tenant: string, change: () => Promise<T>): Promise<T> {
  const name = `signing_keys:${tenant}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  let token = await locks.tryAcquire(name, LOCK_TTL_MS);
  while (!token && Date.now() < deadline) {
    await delay(LOCK_POLL_MS);
    token = await locks.tryAcquire(name, LOCK_TTL_MS);
  }
  if (!token) throw new ConflictError('Another change of the signing keys is in progress; try again.', 'signing_keys_busy');
  try {
    return await change();
  } finally {
    await locks.release(name, token);
  }
}

/** Promotes the next key, retires the current one and publishes a new next key; returns the key that now signs. */
export async function rotateSigningKey(deps: SigningKeyDeps, tenantName: string, now = new Date()): Promise<SigningKey> {
  return underTenantLock(deps.locks, tenantName, async () => {
    const [fresh, later] = await Promise.all([generateSigningKey(deps.sealer, now), generateSigningKey(deps.sealer, now)]);
    // The key the write stored promotes: the change may run again on a fresher read.
    let promoted = undefined as SigningKey | undefined;
    await updateTenant(deps.tenants, tenantName, (tenant) => {
      const rotated = rotatedKeys(tenant, fresh, later, now);
      promoted = rotated.current;
      return rotated.tenant;
    });
    if (!promoted) throw new Error('the rotation stored no key');
    return promoted;
  });
}

/** Revokes a previous key: it leaves the JWKS at once. A revoked key stays revoked, with its first revocation's time. */
export async function revokeSigningKey(
  deps: SigningKeyDeps,
  tenantName: string,
  kid: string,
  now = new Date(),
): Promise<SigningKey | RevocationRefusal> {
  const result = await signingKeyRevocation(deps, tenantName, kid, now);
  return typeof result === 'string' ? result : result.key;
}

/** What a revocation did: the key as revoked, and whether it was revoked already, before this one. */
export interface Revocation {
  key: SigningKey;
  alreadyRevoked: boolean;
}

/**
 * revokeSigningKey, saying whether this call revoked the key: of two revocations of one key at once
 * (two tabs), the lock lets exactly one find it not yet revoked, so a caller that records "revoked"
 * (the dashboard's log event) does so once.
 */
export async function signingKeyRevocation(deps: SigningKeyDeps, tenantName: string, kid: string, now = new Date()): Promise<Revocation | RevocationRefusal> {
  return underTenantLock(deps.locks, tenantName, async () => {
    let result = 'not_found' as ReturnType<typeof revokedKeys>;
    // Of the tenant as written (the change may run again on a fresher read).
    let alreadyRevoked = false;
    await updateTenant(deps.tenants, tenantName, (tenant) => {
      alreadyRevoked = keyStates(tenant).some((entry) => entry.key.kid === kid && entry.status === 'revoked');
      result = revokedKeys(tenant, kid, now);
      return typeof result === 'string' ? tenant : result.tenant;
    });
    return typeof result === 'string' ? result : { key: result.revoked, alreadyRevoked };
  });
}
