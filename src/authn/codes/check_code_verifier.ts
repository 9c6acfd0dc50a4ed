import { createHash, timingSafeEqual } from 'node:crypto';
import { isPublicClient } from '../../domain/client_confidentiality.js';
import type { Client } from '../../domain/types.js';
import { InvalidGrantError } from '../../errors/index.js';
import type { AuthorizationCodeRecord } from './authorization_code.js';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636 §4.6) with S256 only. A code issued with a challenge needs the matching verifier; a
 * verifier sent for a code issued without one is refused too (OAuth 2.1 §7.5.1, against downgrade);
 * and a public client has no other proof of possession, so its codes must carry a challenge.
 */
export function checkCodeVerifier(record: AuthorizationCodeRecord, client: Client, verifier: string | undefined): void {
  if (!record.codeChallenge) {
    if (verifier !== undefined) throw new InvalidGrantError('code_verifier was sent but the authorization request had no code_challenge');
    if (isPublicClient(client)) throw new InvalidGrantError('a public client must use PKCE');
    return;
  }
  if (verifier === undefined) throw new InvalidGrantError('code_verifier is required');
  if (!VERIFIER_SYNTAX.test(verifier)) throw new InvalidGrantError('code_verifier must be 43 to 128 unreserved characters');
  if (record.codeChallengeMethod !== 'S256') throw new InvalidGrantError('only the S256 code_challenge_method is supported');

  const expected = Buffer.from(record.codeChallenge, 'utf8');
  const actual = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'), 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new InvalidGrantError('code_verifier does not match the code_challenge');
  }
}
