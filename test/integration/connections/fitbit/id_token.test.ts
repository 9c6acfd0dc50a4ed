import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { InvalidIdTokenError } from '../../../../src/connections/fitbit/index.js';
import { verifyIdToken } from '../../../../src/connections/fitbit/id_token.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { callbackOutcome, passportAppFor } from './passport_app.js';

const CLIENT_ID = 'verifier-test.apps.googleusercontent.com';
const NONCE = 'nonce-of-this-login';

let jwksServer: Server;
/** Google's real JWKS URL, which the plugin calls under the base, as under an emulator. */
const JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
let jwksBase: string;
let brokenJwksBase: string;
let publishedGoogleKey: Record<string, unknown>;
let googleKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const google = await generateKeyPair('RS256');
  googleKey = google.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const published = { ...(await exportJWK(google.publicKey)), kid: 'google-1', alg: 'RS256', use: 'sig' };
  publishedGoogleKey = published;
  jwksServer = createServer((req, res) => {
    if (req.url?.startsWith('/broken')) return void res.writeHead(503).end('backend unavailable');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [published] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  jwksBase = base;
  brokenJwksBase = `${base}/broken`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

function idToken(claims: JWTPayload, options: { key?: CryptoKey; kid?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ nonce: NONCE, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'google-1' })
    .setIssuer((claims.iss as string | undefined) ?? 'https://accounts.google.com')
    .setAudience((claims.aud as string | undefined) ?? CLIENT_ID)
    .setSubject('108234567890123456789')
    .setIssuedAt(now)
    .setExpirationTime((claims.exp as number | undefined) ?? now + 3600)
    .sign(options.key ?? googleKey);
}

function verify(token: string, expectedNonce = NONCE) {
  return verifyIdToken(token, { jwksUrl: JWKS_URL, upstreamBaseUrl: jwksBase, clientID: CLIENT_ID, expectedNonce, timeoutMs: 2000 });
}

describe('verifyIdToken', () => {
  it('accepts a token signed by a published key, for this client, unexpired, with this login nonce', async () => {
    await expect(verify(await idToken({}))).resolves.toMatchObject({ sub: '108234567890123456789', nonce: NONCE });
  });

  it('accepts both issuer spellings Google uses', async () => {
    await expect(verify(await idToken({ iss: 'accounts.google.com' }))).resolves.toMatchObject({ iss: 'accounts.google.com' });
  });

  it('rejects another issuer', async () => {
    await expect(verify(await idToken({ iss: 'https://evil.example.com' }))).rejects.toBeInstanceOf(InvalidIdTokenError);
  });

  it('rejects a token issued to another client', async () => {
    await expect(verify(await idToken({ aud: 'someone-else.apps.googleusercontent.com' }))).rejects.toMatchObject({ kind: 'invalid_id_token' });
  });

  it('rejects an expired token', async () => {
    await expect(verify(await idToken({ exp: Math.floor(Date.now() / 1000) - 600 }))).rejects.toMatchObject({
      kind: 'invalid_id_token',
      message: expect.stringMatching(/exp/),
    });
  });

  it('rejects a token whose nonce belongs to another login, or that has none', async () => {
    await expect(verify(await idToken({}), 'another-login')).rejects.toMatchObject({ message: expect.stringMatching(/nonce/) });
    await expect(verify(await idToken({ nonce: undefined }))).rejects.toMatchObject({ message: expect.stringMatching(/nonce/) });
  });

  it('rejects a token signed with a key Google does not publish', async () => {
    await expect(verify(await idToken({}, { key: otherKey }))).rejects.toMatchObject({ kind: 'invalid_id_token' });
    await expect(verify(await idToken({}, { key: otherKey, kid: 'unknown-kid' }))).rejects.toMatchObject({ kind: 'invalid_id_token' });
  });

  it('reports a JWKS endpoint that fails as the upstream error, not as a bad token', async () => {
    const token = await idToken({});
    await expect(verifyIdToken(token, { jwksUrl: JWKS_URL, upstreamBaseUrl: brokenJwksBase, clientID: CLIENT_ID, expectedNonce: NONCE, timeoutMs: 2000 })).rejects.toMatchObject({
      kind: 'unavailable',
      status: 503,
      operation: 'jwks',
    });
  });

  it('rejects a token whose claims were changed after it was signed', async () => {
    const [header, payload, signature] = (await idToken({})).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ kind: 'invalid_id_token', message: expect.stringMatching(/signature/) });
  });

  it('rejects a token MACed with the published public key as an HS256 secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publishedGoogleKey));
    const now = Math.floor(Date.now() / 1000);
    const confused = await new SignJWT({ nonce: NONCE })
      .setProtectedHeader({ alg: 'HS256', kid: 'google-1' })
      .setIssuer('https://accounts.google.com')
      .setAudience(CLIENT_ID)
      .setSubject('108234567890123456789')
      .setExpirationTime(now + 3600)
      .sign(secret);
    await expect(verify(confused)).rejects.toMatchObject({ kind: 'invalid_id_token', message: expect.stringMatching(/alg/) });
  });

  it('rejects a token that asks for critical header extensions', async () => {
    const [, payload, signature] = (await idToken({})).split('.') as [string, string, string];
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'google-1', crit: ['exp'], exp: 1 })).toString('base64url');
    await expect(verify(`${header}.${payload}.${signature}`)).rejects.toMatchObject({ kind: 'invalid_id_token' });
  });

  it('rejects an unsigned token', async () => {
    const [, payload] = (await idToken({})).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(verify(unsigned)).rejects.toMatchObject({ kind: 'invalid_id_token' });
  });
});

describe('nonce binding in a google-health sign-in', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());
  const app = passportAppFor(() => emulator, 'google-health', { scope: ['sleep'] });

  it('refuses the login when the nonce sent to Google is not the one derived for this login', async () => {
    const result = await app().signIn({ user: 'alice' }, {}, (authorize) => authorize.searchParams.set('nonce', 'attacker-chosen'));
    expect(callbackOutcome(result).error).toMatchObject({ kind: 'invalid_id_token', message: expect.stringMatching(/nonce/) });
  });
});
