import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';

/**
 * The opaque access tokens of /userinfo: a JWT's claims in a compact JWE (RFC 7516) with direct
 * encryption under a tenant key (`alg: dir`, `enc: A256GCM`), the form Auth0 gives access tokens
 * issued without an API audience. The client cannot read them (they are not its business, and
 * nothing tempts it to depend on their contents), and only fitgate can make or open them.
 *
 * Why not an RS256 JWT like the Management API's tokens: nobody but fitgate ever verifies these,
 * and a login would pay an RSA signature (0.48 ms) and a verification at /userinfo for a
 * publicly verifiable token nobody verifies; AES-GCM costs a few microseconds each way. The format
 * is the standard one, checked against jose in both directions by the tests.
 */

export const ENCRYPTED_TOKEN_HEADER = { alg: 'dir', enc: 'A256GCM', typ: 'at+jwt' } as const;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Encrypts the claims under `key` (32 bytes), naming the key by `kid` in the protected header. */
export function encryptAccessToken(key: Buffer, kid: string, claims: JWTPayload): string {
  if (key.length !== KEY_BYTES) throw new RangeError(`an A256GCM key is ${KEY_BYTES} bytes, got ${key.length}`);
  const header = Buffer.from(JSON.stringify({ ...ENCRYPTED_TOKEN_HEADER, kid })).toString('base64url');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  // RFC 7516 §5.1 step 14: the additional authenticated data is the encoded protected header.
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  return `${header}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** Why a token could not be opened; the caller words it for its own errors. */
export class UnreadableTokenError extends Error {}

/** The protected header's kid when `token` has the shape of one of these tokens; undefined otherwise. */
export function encryptedTokenKid(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[1] !== '') return undefined;
  const header = parseObject(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  if (!header || header.alg !== ENCRYPTED_TOKEN_HEADER.alg || header.enc !== ENCRYPTED_TOKEN_HEADER.enc || header.typ !== ENCRYPTED_TOKEN_HEADER.typ) {
    return undefined;
  }
  return typeof header.kid === 'string' ? header.kid : undefined;
}

/**
 * Opens a token made by encryptAccessToken under `key`: answers its claims, or throws
 * UnreadableTokenError when it is malformed or was not made under this key (GCM's tag covers the
 * header, the IV and the ciphertext, so any change to any of them is refused).
 */
export function decryptAccessToken(key: Buffer, token: string): JWTPayload {
  const [header, encryptedKey, iv, ciphertext, tag] = token.split('.');
  if (header === undefined || encryptedKey !== '' || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw new UnreadableTokenError('not a compact JWE with direct encryption');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new UnreadableTokenError('wrong IV or tag length');
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(tagBytes);
    plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new UnreadableTokenError('the token was not made under this key, or was changed', { cause: error });
  }
  const claims = parseObject(plaintext);
  if (!claims) throw new UnreadableTokenError('the claims are not a JSON object');
  return claims;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
