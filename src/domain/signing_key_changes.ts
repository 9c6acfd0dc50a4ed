import { setTimeout as delay } from 'node:timers/promises';
import { ConflictError } from '../errors/index.js';
import type { LockStore, Sealer, TenantRepository } from './ports.js';
import { revokedKeys, rotatedKeys, type RevocationRefusal } from './signing_key_rotation.js';
import { generateSigningKey } from './signing_keys.js';
import type { SigningKey } from './types.js';

/**
 * Rotation and revocation as stored changes of the tenant record, written through the tenant
 * repository (whose cache every process then drops). A lock per tenant serialises them, so two
 * rotations at once cannot both promote the same next key and lose one's new key.
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

async function loadTenant(tenants: TenantRepository, name: string) {
  const tenant = await tenants.get(name);
  if (!tenant) throw new Error(`tenant ${name} does not exist`);
  return tenant;
}

/** Promotes the next key, retires the current one and publishes a new next key; returns the key that now signs. */
export async function rotateSigningKey(deps: SigningKeyDeps, tenantName: string, now = new Date()): Promise<SigningKey> {
  return underTenantLock(deps.locks, tenantName, async () => {
    const tenant = await loadTenant(deps.tenants, tenantName);
    const [fresh, later] = await Promise.all([generateSigningKey(deps.sealer, now), generateSigningKey(deps.sealer, now)]);
    const rotated = rotatedKeys(tenant, fresh, later, now);
    await deps.tenants.update(rotated.tenant);
    return rotated.current;
  });
}

/** Revokes a previous key: it leaves the JWKS at once. */
export async function revokeSigningKey(
  deps: SigningKeyDeps,
  tenantName: string,
  kid: string,
  now = new Date(),
): Promise<SigningKey | RevocationRefusal> {
  return underTenantLock(deps.locks, tenantName, async () => {
    const result = revokedKeys(await loadTenant(deps.tenants, tenantName), kid, now);
    if (typeof result === 'string') return result;
    await deps.tenants.update(result.tenant);
    return result.revoked;
  });
}
