import { createHash, createPrivateKey, createPublicKey, sign, X509Certificate, type JsonWebKey } from 'node:crypto';
import type { Sealer } from './ports.js';
import type { SigningKey } from './types.js';

/**
 * The self-signed X.509 certificate Auth0 publishes for each signing key (`cert` in the Management
 * API, `x5c` and `x5t` in the JWKS), built here in DER because node:crypto parses certificates but
 * does not make them. Everything in it derives from the key and its record (serial from the kid,
 * validity from createdAt), and RSA PKCS#1 v1.5 signatures are deterministic, so the same key always
 * yields the same certificate, fingerprint and thumbprint: nothing needs storing.
 */

export interface SigningKeyCertificate {
  /** PEM, CRLF line ends as Auth0 writes them. */
  pem: string;
  /** base64 DER, for the JWKS x5c. */
  der: string;
  /** SHA-1 of the DER, upper-case hex pairs joined by colons (Auth0's `fingerprint`). */
  fingerprint: string;
  /** The same SHA-1 as plain hex (Auth0's `thumbprint`). */
  thumbprint: string;
  /** The same SHA-1 in base64url (JWK x5t). */
  x5t: string;
}

const VALIDITY_YEARS = 10;
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** DER wants the shortest two's complement form: no leading zero byte unless the next byte's top bit needs it. */
function positiveInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && ((bytes[start + 1] ?? 0) & 0x80) === 0) start += 1;
  const minimal = bytes.subarray(start);
  return tlv(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function name(commonName: string): Buffer {
  return sequence(tlv(0x31, sequence(objectId(COMMON_NAME), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

/** The certificate of `key`, issued to and by `commonName` (the tenant's host). */
export function signingKeyCertificate(key: SigningKey, sealer: Sealer, commonName: string): SigningKeyCertificate {
  const publicKey = createPublicKey({ key: key.publicJwk as JsonWebKey, format: 'jwk' });
  const privateKey = createPrivateKey({ key: JSON.parse(sealer.open(key.privateJwk)) as JsonWebKey, format: 'jwk' });
  const algorithm = sequence(objectId(SHA256_WITH_RSA), Buffer.from([0x05, 0x00]));
  const serial = createHash('sha256').update(key.kid).digest().subarray(0, 16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const notBefore = new Date(key.createdAt);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const tbs = sequence(
    tlv(0xa0, positiveInteger(Buffer.from([2]))),
    positiveInteger(serial),
    algorithm,
    name(commonName),
    sequence(time(notBefore), time(notAfter)),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = der.toString('base64');
  const sha1 = createHash('sha1').update(der).digest();
  return {
    pem: `-----BEGIN CERTIFICATE-----\r\n${base64.replace(/(.{64})/g, '$1\r\n').replace(/\r\n$/, '')}\r\n-----END CERTIFICATE-----`,
    der: base64,
    fingerprint: new X509Certificate(der).fingerprint,
    thumbprint: sha1.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
  };
}
