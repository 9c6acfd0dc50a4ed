import { createHash } from 'node:crypto';
import { s256CodeChallenge } from '../oauth2/pkce.js';

/**
 * The OpenID Connect nonce is derived from the PKCE code challenge, which passport-oauth2 derives
 * from a verifier it keeps in the state store. So the nonce is bound to the login without a second
 * store entry: at the callback the state store hands back the verifier, and the nonce the id_token
 * must carry follows from it. Both are as public as any nonce (they travel in the authorize URL);
 * what binds them is the verifier held server-side. The prefix keeps the two values distinct.
 */
export function nonceForChallenge(codeChallenge: string): string {
  return createHash('sha256').update(`fitbit-oidc-nonce:${codeChallenge}`).digest('base64url');
}

/** The nonce of a verifier's S256 challenge. */
export function nonceForVerifier(codeVerifier: string): string {
  return nonceForChallenge(s256CodeChallenge(codeVerifier));
}

/** Adds the nonce to an authorize URL built by passport-oauth2; the URL already carries the challenge. */
export function withNonce(authorizeUrl: string): string {
  const url = new URL(authorizeUrl);
  const challenge = url.searchParams.get('code_challenge');
  if (!challenge) throw new Error('The authorize URL has no code_challenge to derive the nonce from');
  url.searchParams.set('nonce', nonceForChallenge(challenge));
  return url.toString();
}
