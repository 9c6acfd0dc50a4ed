import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { TestUser } from '../types.js';
import { grantsGoogleEmail, grantsGoogleProfile } from '../scopes.js';
import { firstName, googleSubject, lastName } from '../users.js';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

/**
 * Signs Google-style OpenID Connect id_tokens (RS256) with a key made when the emulator starts,
 * published at /www.googleapis.com/oauth2/v3/certs. A fresh key per emulator is enough: nothing
 * outlives the process.
 */
export class IdTokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: JWK;
  readonly kid = randomBytes(8).toString('hex');

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: this.kid, alg: 'RS256', use: 'sig' };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** The claims Google puts in an id_token; email and profile claims only when those scopes were granted. */
  async sign(input: {
    user: TestUser;
    clientId: string;
    scopes: readonly string[];
    nonce: string | undefined;
    accessToken: string;
    nowMs: number;
  }): Promise<string> {
    const { user, scopes } = input;
    // at_hash: left half of the SHA-256 of the access token (OpenID Connect Core §3.1.3.6).
    const atHash = createHash('sha256').update(input.accessToken).digest().subarray(0, 16).toString('base64url');
    const claims: Record<string, unknown> = { azp: input.clientId, at_hash: atHash };
    if (grantsGoogleEmail(scopes)) {
      claims.email = user.email;
      claims.email_verified = user.emailVerified ?? true;
    }
    if (grantsGoogleProfile(scopes)) {
      claims.name = user.fullName;
      claims.picture = user.avatar;
      claims.given_name = firstName(user);
      claims.family_name = lastName(user);
    }
    if (input.nonce !== undefined) claims.nonce = input.nonce;
    const iat = Math.floor(input.nowMs / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(GOOGLE_ISSUER)
      .setAudience(input.clientId)
      .setSubject(googleSubject(user))
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(this.privateKey);
  }
}
