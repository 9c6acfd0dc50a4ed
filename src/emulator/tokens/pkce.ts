import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636: 43-128 characters of the unreserved set, for both the challenge and the verifier. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

export function parseChallengeMethod(value: string | undefined): 'S256' | 'plain' | undefined {
  if (value === undefined || value === '' || value === 'plain') return 'plain';
  return value === 'S256' ? 'S256' : undefined;
}

export function verifierMatches(challenge: string, method: 'S256' | 'plain', verifier: string): boolean {
  if (!isWellFormedPkceValue(verifier)) return false;
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
