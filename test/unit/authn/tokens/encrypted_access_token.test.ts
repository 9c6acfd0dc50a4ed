import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EncryptJWT, jwtDecrypt } from 'jose';
import {
  decryptAccessToken,
  encryptAccessToken,
  encryptedTokenKid,
  UnreadableTokenError,
} from '../../../../src/authn/tokens/encrypted_access_token.js';

const key = randomBytes(32);
const claims = { sub: 'fitbit|A1', aud: ['https://acme.example/userinfo'], iss: 'https://acme.example/', scope: 'openid', gid: 'g1', exp: 2_000_000_000 };

describe('encrypted access tokens', () => {
  it('are compact JWEs (dir, A256GCM, typ at+jwt) that jose opens with the same key', async () => {
    const token = encryptAccessToken(key, 'kid-1', claims);
    const { payload, protectedHeader } = await jwtDecrypt(token, key, { issuer: claims.iss, audience: claims.aud[0], typ: 'at+jwt' });
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'at+jwt', kid: 'kid-1' });
    expect(payload).toEqual(claims);
    expect(encryptedTokenKid(token)).toBe('kid-1');
  });

  it('open tokens jose encrypted in the same form', async () => {
    const token = await new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'at+jwt', kid: 'kid-2' }).encrypt(key);
    expect(encryptedTokenKid(token)).toBe('kid-2');
    expect(decryptAccessToken(key, token)).toEqual(claims);
  });

  it('never repeat: two tokens of the same claims differ (a fresh IV each)', () => {
    expect(encryptAccessToken(key, 'k', claims)).not.toBe(encryptAccessToken(key, 'k', claims));
  });

  it('refuse another key, and any change to the header, IV, ciphertext or tag', () => {
    const token = encryptAccessToken(key, 'kid-1', claims);
    expect(() => decryptAccessToken(randomBytes(32), token)).toThrow(UnreadableTokenError);
    const parts = token.split('.');
    const flip = (text: string): string => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    for (const index of [0, 2, 3, 4]) {
      const changed = parts.map((part, at) => (at === index ? flip(part) : part)).join('.');
      expect(() => decryptAccessToken(key, changed)).toThrow(UnreadableTokenError);
    }
  });

  it('are told apart from JWTs, refresh tokens and other JWEs by their header', () => {
    expect(encryptedTokenKid('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln')).toBeUndefined();
    expect(encryptedTokenKid(randomBytes(32).toString('base64url'))).toBeUndefined();
    const otherJwe = `${Buffer.from(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM', typ: 'at+jwt', kid: 'k' })).toString('base64url')}.a.b.c.d`;
    expect(encryptedTokenKid(otherJwe)).toBeUndefined();
    expect(() => decryptAccessToken(key, 'a.b.c')).toThrow(UnreadableTokenError);
  });
});
