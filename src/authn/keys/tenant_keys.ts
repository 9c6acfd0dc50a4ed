import { createPrivateKey, hkdfSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { Sealer } from '../../domain/ports.js';
import type { SigningKey, Tenant } from '../../domain/types.js';
import { currentSigningKey, publishedSigningKeys } from '../../domain/signing_key_rotation.js';
import { SIGNING_ALGORITHM } from '../../domain/signing_keys.js';
import { ServerError } from '../../errors/index.js';

export { SIGNING_ALGORITHM };

/** A tenant's symmetric key for the opaque access tokens (encrypted_access_token.ts), named by kid. */
export interface TenantTokenKey {
  kid: string;
  key: Buffer;
}

/** Binds the derived key to its one use, so it can never equal a key derived for anything else. */
const TOKEN_KEY_INFO = 'fitgate access token encryption v1';

export interface TenantSigner {
  kid: string;
  /** A node:crypto key: sign_jwt.ts signs with node:crypto directly. */
  key: KeyObject;
}

/**
 * Imported RS256 keys of every tenant, cached by tenant and kid. Opening a sealed private key and
 * importing a JWK costs far more than a signature, so each key is imported once per process; a kid
 * never changes its key, so the cache never goes stale (a rotated-out kid just stops being asked for).
 */
export class TenantKeys {
  private readonly privateKeys = new Map<string, Promise<KeyObject>>();
  private readonly publicKeys = new Map<string, Promise<CryptoKey>>();
  private readonly tokenKeys = new Map<string, Promise<Buffer>>();

  constructor(private readonly sealer: Sealer) {}

  /** The tenant's current key, which signs everything it issues. */
  async signer(tenant: Tenant): Promise<TenantSigner> {
    const current = currentSigningKey(tenant);
    if (!current) throw new ServerError(`tenant ${tenant.name} has no signing key`);
    return { kid: current.kid, key: await this.privateKey(tenant.name, current) };
  }

  /**
   * The public key for a kid the tenant publishes; undefined when it publishes no such kid, so a
   * token signed by a revoked (or long retired) key is refused at once.
   */
  async verificationKey(tenant: Tenant, kid: string | undefined): Promise<CryptoKey | undefined> {
    const signingKey = publishedKey(tenant, kid);
    if (!signingKey) return undefined;
    return cached(this.publicKeys, `${tenant.name}:${signingKey.kid}`, () =>
      importJWK(signingKey.publicJwk as JWK, SIGNING_ALGORITHM) as Promise<CryptoKey>,
    );
  }

  /**
   * The key that encrypts opaque access tokens: derived (HKDF-SHA256) from the current signing key's
   * private part, so it shares that key's life: rotating the signing key rotates it, and revoking a
   * kid refuses the tokens made under it, exactly as for signed tokens.
   */
  async tokenEncryptionKey(tenant: Tenant): Promise<TenantTokenKey> {
    const current = currentSigningKey(tenant);
    if (!current) throw new ServerError(`tenant ${tenant.name} has no signing key`);
    return { kid: current.kid, key: await this.tokenKey(tenant.name, current) };
  }

  /** The token key of a kid the tenant still publishes; undefined otherwise (see verificationKey). */
  async tokenDecryptionKey(tenant: Tenant, kid: string): Promise<Buffer | undefined> {
    const signingKey = publishedKey(tenant, kid);
    return signingKey && this.tokenKey(tenant.name, signingKey);
  }

  private tokenKey(tenantName: string, signingKey: SigningKey): Promise<Buffer> {
    return cached(this.tokenKeys, `${tenantName}:${signingKey.kid}`, async () => {
      const { d } = this.openPrivateJwk(signingKey);
      if (typeof d !== 'string') throw new ServerError(`signing key ${signingKey.kid} has no private exponent`);
      return Buffer.from(hkdfSync('sha256', Buffer.from(d, 'base64url'), Buffer.from(tenantName), TOKEN_KEY_INFO, 32));
    });
  }

  private privateKey(tenantName: string, signingKey: SigningKey): Promise<KeyObject> {
    return cached(this.privateKeys, `${tenantName}:${signingKey.kid}`, async () => {
      return createPrivateKey({ key: this.openPrivateJwk(signingKey), format: 'jwk' });
    });
  }

  private openPrivateJwk(signingKey: SigningKey): JsonWebKey {
    return JSON.parse(this.sealer.open(signingKey.privateJwk)) as JsonWebKey;
  }
}

/** The signing key the tenant publishes under `kid`, if any. */
function publishedKey(tenant: Tenant, kid: string | undefined): SigningKey | undefined {
  return publishedSigningKeys(tenant).find((candidate) => candidate.kid === kid);
}

/** Caches the promise so concurrent first requests import once; a failed import is not kept. */
function cached<K>(cache: Map<string, Promise<K>>, key: string, load: () => Promise<K>): Promise<K> {
  let entry = cache.get(key);
  if (!entry) {
    entry = Promise.resolve().then(load);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

const keysBySealer = new WeakMap<Sealer, TenantKeys>();

/**
 * The key cache of one running app. Keyed by its sealer so two apps in one process (tests, the
 * sandbox) never share keys opened under different master keys.
 */
export function tenantKeysFor(deps: { sealer: Sealer }): TenantKeys {
  let keys = keysBySealer.get(deps.sealer);
  if (!keys) {
    keys = new TenantKeys(deps.sealer);
    keysBySealer.set(deps.sealer, keys);
  }
  return keys;
}
