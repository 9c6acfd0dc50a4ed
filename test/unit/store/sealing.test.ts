import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Sealed } from '../../../src/domain/types.js';
import { createSealer, masterKeyId, SealedValueError } from '../../../src/store/sealing.js';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

/** Replaces one base64url part of a sealed value with the same bytes, one bit flipped. */
function flipBit(sealed: Sealed, part: 2 | 3 | 4): Sealed {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] as string, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.') as Sealed;
}

describe('createSealer', () => {
  it('opens what it sealed, including empty and non-ASCII text', () => {
    const sealer = createSealer([newKey]);
    for (const plaintext of ['client-secret-123', '', 'Grüße, 東京 🔑']) {
      expect(sealer.open(sealer.seal(plaintext))).toBe(plaintext);
    }
  });

  it('writes v1.<keyId>.<iv>.<ciphertext>.<tag> with the sealing key id and no plaintext', () => {
    const sealed = createSealer([newKey]).seal('marker-plaintext');
    const [version, keyId, iv, ciphertext, tag] = sealed.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe(masterKeyId(newKey));
    expect(Buffer.from(iv as string, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ciphertext as string, 'base64url')).toHaveLength('marker-plaintext'.length);
    expect(Buffer.from(tag as string, 'base64url')).toHaveLength(16);
    expect(sealed).not.toContain('marker-plaintext');
  });

  it('uses a fresh IV for every seal, so equal secrets do not look equal at rest', () => {
    const sealer = createSealer([newKey]);
    expect(sealer.seal('same')).not.toBe(sealer.seal('same'));
  });

  it('refuses a value whose IV, ciphertext or tag was altered', () => {
    const sealer = createSealer([newKey]);
    const sealed = sealer.seal('do not touch');
    for (const part of [2, 3, 4] as const) {
      expect(() => sealer.open(flipBit(sealed, part))).toThrow(SealedValueError);
    }
  });

  it('refuses a value relabelled with another configured key id', () => {
    const sealer = createSealer([newKey, oldKey]);
    const parts = sealer.seal('relabel me').split('.');
    parts[1] = masterKeyId(oldKey);
    expect(() => sealer.open(parts.join('.') as Sealed)).toThrow(SealedValueError);
  });

  it('names the missing key when a value was sealed under a key that is no longer configured', () => {
    const sealed = createSealer([oldKey]).seal('orphan');
    expect(() => createSealer([newKey]).open(sealed)).toThrow(`sealed under key ${masterKeyId(oldKey)}`);
  });

  it('refuses text that is not a sealed value', () => {
    const sealer = createSealer([newKey]);
    for (const text of ['plaintext', 'v1.a.b.c', 'v2.a.b.c.d', '']) {
      expect(() => sealer.open(text as Sealed)).toThrow(SealedValueError);
    }
  });

  it('after rotation seals with the new key and still opens values sealed with the old one', () => {
    const before = createSealer([oldKey]).seal('sealed before rotation');
    const rotated = createSealer([newKey, oldKey]);
    const after = rotated.seal('sealed after rotation');
    expect(rotated.open(before)).toBe('sealed before rotation');
    expect(after.split('.')[1]).toBe(masterKeyId(newKey));
    expect(createSealer([newKey]).open(after)).toBe('sealed after rotation');
  });

  it('rejects master keys that are not 32 bytes, and an empty key list', () => {
    expect(() => createSealer([randomBytes(16)])).toThrow('32 bytes');
    expect(() => createSealer([])).toThrow('at least one master key');
  });
});
