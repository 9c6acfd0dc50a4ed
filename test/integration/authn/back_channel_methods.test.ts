import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from '../http/app_fixture.js';

// A back-channel endpoint asked with a method it does not serve answers 405 naming those it does, in
// OAuth JSON, rather than "There is no page at /oauth/token" (a developer's GET from a browser).

const fixture = useDefaultTenantApp();
const call = (method: 'get' | 'post' | 'put' | 'delete', path: string) => request(fixture().app)[method](path).set('Host', 'localhost:3000');

describe('a back-channel endpoint asked with another method', () => {
  it.each([
    ['get', '/oauth/token', 'POST, OPTIONS', '/oauth/token takes POST only.'],
    ['put', '/oauth/revoke', 'POST, OPTIONS', '/oauth/revoke takes POST only.'],
    ['delete', '/userinfo', 'GET, POST, HEAD, OPTIONS', '/userinfo takes GET or POST only.'],
    ['post', '/.well-known/openid-configuration', 'GET, HEAD, OPTIONS', '/.well-known/openid-configuration takes GET only.'],
    ['post', '/.well-known/jwks.json', 'GET, HEAD, OPTIONS', '/.well-known/jwks.json takes GET only.'],
    ['post', '/pem', 'GET, HEAD, OPTIONS', '/pem takes GET only.'],
  ] as const)('%s %s is a 405 with Allow: %s', async (method, path, allow, description) => {
    const response = await call(method, path);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.body).toEqual({ error: 'invalid_request', error_description: description });
  });

  it('still serves the methods it takes', async () => {
    expect((await call('get', '/.well-known/openid-configuration')).status).toBe(200);
    expect((await call('post', '/oauth/token').send({ grant_type: 'nonsense' })).body.error).toBe('unsupported_grant_type');
  });
});
