import { createHash, X509Certificate } from 'node:crypto';
import { expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('discovery and JWKS', (harness) => {
  const backChannel = useBackChannel(harness);

  it('publishes exactly what the tenant supports, under its own issuer', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/.well-known/openid-configuration').set('Host', bc.host).expect(200);
    const url = bc.tenantUrl;
    expect(response.body).toMatchObject({
      issuer: `${url}/`,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/oauth/token`,
      userinfo_endpoint: `${url}/userinfo`,
      jwks_uri: `${url}/.well-known/jwks.json`,
      revocation_endpoint: `${url}/oauth/revoke`,
      end_session_endpoint: `${url}/oidc/logout`,
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      response_types_supported: ['code', 'id_token', 'code id_token'],
      response_modes_supported: ['query', 'fragment', 'form_post', 'web_message'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['public'],
    });
    expect(response.body.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'given_name', 'family_name', 'nickname', 'picture', 'email', 'email_verified']),
    );
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('gives each tenant its own issuer and keys', async () => {
    const bc = backChannel();
    const other = await request(bc.app).get('/.well-known/openid-configuration').set('Host', bc.other.host).expect(200);
    expect(other.body.issuer).not.toBe(`${bc.tenantUrl}/`);
    const mine = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    const theirs = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.other.host).expect(200);
    expect(mine.body.keys[0].kid).not.toBe(theirs.body.keys[0].kid);
  });

  it('publishes every signing key as a public RS256 JWK with its certificate, and nothing private', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    expect(response.body.keys).toHaveLength(bc.tenant.signingKeys.length);
    for (const key of response.body.keys) {
      // Auth0's members: x5t (SHA-1), never x5t#S256.
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t']);
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    }
    expect(response.text).not.toMatch(/"d"|PRIVATE/);
  });

  it("gives each key's x5c the self-signed certificate of that very key, naming the tenant host, and x5t its SHA-1 thumbprint", async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    for (const key of response.body.keys as JsonWebKey[]) {
      expect(key.x5c).toHaveLength(1);
      const der = Buffer.from(key.x5c![0]!, 'base64');
      const certificate = new X509Certificate(der);
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      expect(certificate.subject).toBe(`CN=${new URL(bc.tenantUrl).hostname}`);
      expect(certificate.publicKey.export({ format: 'jwk' })).toMatchObject({ kty: 'RSA', n: key.n, e: key.e });
      expect(key.x5t).toBe(createHash('sha1').update(der).digest('base64url'));
    }
  });

  it('serves the current key’s certificate at /pem and /cer, cached and open to any origin as the JWKS is', async () => {
    const bc = backChannel();
    const jwks = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    const current = jwks.body.keys[0] as JsonWebKey;
    expect(current.kid).toBe(bc.tenant.signingKeys.find((key) => key.status === 'current')!.kid);
    const hostname = new URL(bc.tenantUrl).hostname;

    const pem = await request(bc.app).get('/pem').set('Host', bc.host).responseType('blob').expect(200);
    expect(pem.headers['content-type']).toMatch(/^application\/x-pem-file/);
    expect(pem.headers['content-disposition']).toBe(`attachment; filename=${hostname}.pem`);
    const text = (pem.body as Buffer).toString('utf8');
    expect(text).toMatch(/^-----BEGIN CERTIFICATE-----\r\n[\s\S]+\r\n-----END CERTIFICATE-----\r\n$/);
    expect(new X509Certificate(text).raw.toString('base64')).toBe(current.x5c![0]);

    const cer = await request(bc.app).get('/cer').set('Host', bc.host).responseType('blob').expect(200);
    expect(cer.headers['content-type']).toBe('application/pkix-cert');
    expect(cer.headers['content-disposition']).toBe(`attachment; filename=${hostname}.cer`);
    expect((cer.body as Buffer).toString('base64')).toBe(current.x5c![0]);

    for (const response of [jwks, pem, cer]) {
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.headers['access-control-allow-origin']).toBe('*');
    }
    // Auth0 answers /pem with the current key whatever the query asks.
    const asked = await request(bc.app).get('/pem?cert=connection').set('Host', bc.host).responseType('blob').expect(200);
    expect((asked.body as Buffer).toString('utf8')).toBe(text);
  });

  it("gives each tenant its own certificate", async () => {
    const bc = backChannel();
    const mine = await request(bc.app).get('/cer').set('Host', bc.host).responseType('blob').expect(200);
    const theirs = await request(bc.app).get('/cer').set('Host', bc.other.host).responseType('blob').expect(200);
    expect(new X509Certificate(theirs.body as Buffer).subject).toBe(`CN=${bc.other.host.split(':')[0]}`);
    expect(Buffer.compare(mine.body as Buffer, theirs.body as Buffer)).not.toBe(0);
  });

  it('builds each certificate once: later requests open no sealed key', async () => {
    const bc = backChannel();
    await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
    const open = jest.spyOn(bc.deps.sealer, 'open');
    try {
      const first = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
      await request(bc.app).get('/pem').set('Host', bc.host).expect(200);
      await request(bc.app).get('/cer').set('Host', bc.host).expect(200);
      const again = await request(bc.app).get('/.well-known/jwks.json').set('Host', bc.host).expect(200);
      expect(open).not.toHaveBeenCalled();
      expect(again.body).toEqual(first.body);
    } finally {
      open.mockRestore();
    }
  });
});

interface JsonWebKey {
  kid: string;
  n: string;
  e: string;
  x5c?: string[];
  x5t?: string;
}
