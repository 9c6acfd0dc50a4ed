import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyedSealer } from '../domain/sealed_record_store.js';
import type { Sealed } from '../domain/types.js';

/**
 * AES-256-GCM sealing of secrets at rest. A sealed value reads
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (each part base64url). The key id is derived from the key
 * itself, so rotating FITGATE_MASTER_KEY needs no bookkeeping: the first configured key seals, every
 * configured key opens what it sealed. The version and key id are authenticated too (GCM additional
 * data), so a value cannot be relabelled to another key without failing to open. Because the key
 * id is readable without the key, the store counts values per key id (src/domain/sealed_values.ts)
 * and fitgate refuses to start when a key its values need is no longer configured.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`cannot open sealed value: ${reason}`);
    this.name = 'SealedValueError';
  }
}

/** First 8 bytes of SHA-256 of the key: identifies the key without revealing it. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 8).toString('base64url');
}

/** Ids of the configured master keys, newest first. */
export function masterKeyIds(masterKeys: readonly Buffer[]): string[] {
  return masterKeys.map(masterKeyId);
}

export function createSealer(masterKeys: readonly Buffer[]): KeyedSealer {
  const [sealingKey] = masterKeys;
  if (!sealingKey) throw new Error('createSealer needs at least one master key');
  for (const key of masterKeys) {
    if (key.length !== KEY_BYTES) throw new Error(`a master key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
  const keysById = new Map(masterKeys.map((key) => [masterKeyId(key), key] as const));
  const sealingKeyId = masterKeyId(sealingKey);

  return {
    keyIds: Object.freeze([...keysById.keys()]),

    seal(plaintext: string): Sealed {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(`${VERSION}.${sealingKeyId}`));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [VERSION, sealingKeyId, iv.toString('base64url'), ciphertext.toString('base64url')];
      return [...parts, cipher.getAuthTag().toString('base64url')].join('.') as Sealed;
    },

    open(sealed: Sealed): string {
      const parts = String(sealed).split('.');
      if (parts.length !== 5) throw new SealedValueError('not a sealed value');
      const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
      if (version !== VERSION) throw new SealedValueError(`unsupported format "${version}"`);
      const key = keysById.get(keyId);
      if (!key) throw new SealedValueError(`sealed under key ${keyId}, which is not configured in FITGATE_MASTER_KEY`);
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SealedValueError('malformed');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${version}.${keyId}`));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedValueError('it was altered or is corrupt');
      }
    },
  };
}
