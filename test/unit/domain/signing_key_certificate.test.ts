import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { signingKeyCertificate } from '../../../src/domain/signing_key_certificate.js';
import { generateSigningKey } from '../../../src/domain/signing_keys.js';
import type { SigningKey } from '../../../src/domain/types.js';
import { createSealer } from '../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);
let key: SigningKey;

beforeAll(async () => {
  key = await generateSigningKey(sealer, new Date('2026-12-02T00:00:00Z'));
});

/** The first kid (kid-0, kid-1, …) whose SHA-256 serial bytes satisfy `wanted`, so the case is fixed, not left to chance. */
function kidWhoseSerial(wanted: (serial: Buffer) => boolean): string {
  for (let index = 0; ; index += 1) {
    const kid = `kid-${index}`;
    const serial = createHash('sha256').update(kid).digest().subarray(0, 16);
    serial[0] = (serial[0] ?? 0) & 0x7f;
    if (wanted(serial)) return kid;
  }
}

function parse(kid: string): X509Certificate {
  return new X509Certificate(signingKeyCertificate({ ...key, kid }, sealer, 'acme.fitgate.test').pem);
}

describe('the signing key certificate', () => {
  it('parses, names the tenant host as subject and issuer, and is valid for ten years from the key', () => {
    const certificate = parse(key.kid);
    expect(certificate.subject).toBe('CN=acme.fitgate.test');
    expect(certificate.issuer).toBe('CN=acme.fitgate.test');
    expect(new Date(certificate.validFrom).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2036-12-02T00:00:00.000Z');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it('is the same certificate each time it is built', () => {
    const first = signingKeyCertificate(key, sealer, 'acme.fitgate.test');
    expect(signingKeyCertificate(key, sealer, 'acme.fitgate.test')).toEqual(first);
  });

  // About one kid in 256 hashes to a serial whose first byte is zero and second below 0x80: DER's
  // minimal INTEGER drops that zero, and a certificate that keeps it does not parse.
  it('encodes a serial that starts with a zero byte in its shortest form', () => {
    const kid = kidWhoseSerial((serial) => serial[0] === 0 && (serial[1] ?? 0) < 0x80);
    expect(parse(kid).serialNumber).toBe(createHash('sha256').update(kid).digest().subarray(1, 16).toString('hex').toUpperCase());
  });

  it('keeps the zero byte a serial needs to stay positive', () => {
    const kid = kidWhoseSerial((serial) => serial[0] === 0 && (serial[1] ?? 0) >= 0x80);
    expect(parse(kid).serialNumber).toBe(createHash('sha256').update(kid).digest().subarray(1, 16).toString('hex').toUpperCase());
  });
});
