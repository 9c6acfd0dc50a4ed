import { createHash } from 'node:crypto';

/**
 * The id_token's c_hash (OpenID Connect Core §3.3.2.11): the left half of the hash of the code's
 * ASCII octets, base64url-encoded, with the hash of the signing algorithm (SHA-256 for RS256, the
 * only one fitgate signs with). It binds a front-channel id_token to the code beside it.
 */
export function codeHash(code: string): string {
  const digest = createHash('sha256').update(code, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
