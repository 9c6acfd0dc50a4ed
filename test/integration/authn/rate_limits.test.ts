import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { appOnOwnTenant, type AppOnOwnTenant } from '../../support/app_on_own_tenant.js';
import { CALLBACK, VERIFIER } from '../../support/authn/back_channel_fixture.js';
import { keysWithPrefix } from '../../support/redis.js';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from '../store/eventually.js';

// Small limits, so each rule is reached in a handful of requests. Addresses come from
// X-Forwarded-For (FITGATE_TRUST_PROXY), so each test counts against addresses of its own.
const LIMITS = {
  FITGATE_RATE_LIMITS: 'on',
  FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: '3/60',
  FITGATE_RATE_LIMIT_TOKEN_PER_ADDRESS: '5/60',
  FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: '2/60',
  FITGATE_RATE_LIMIT_CALLBACK_PER_ADDRESS: '2/60',
  FITGATE_RATE_LIMIT_USERINFO_PER_TOKEN: '2/60',
};

let addressCount = 0;
/** A documentation address (RFC 5737) no other test uses. */
const newAddress = () => `192.0.2.${(addressCount += 1)}`;

describeEachStore('Authentication API rate limits', (h) => {
  let limited: AppOnOwnTenant;
  let unlimited: AppOnOwnTenant;

  beforeAll(async () => {
    limited = await appOnOwnTenant(h.store(), 'limits', LIMITS);
    unlimited = await appOnOwnTenant(h.store(), 'limits', { ...LIMITS, FITGATE_RATE_LIMITS: 'off' });
  });

  /** A client of the limited tenant, new to each test so no other test has spent its budget. */
  const newClient = async (appType: 'regular_web' | 'spa' = 'regular_web') => {
    const { client, clientSecret } = await createClient(h.store().clients, { tenant: limited.tenant, name: 'Limited', appType, callbacks: [CALLBACK] });
    return { clientId: client.clientId, secret: clientSecret ?? '' };
  };
  const post = (path: string, target: AppOnOwnTenant, address: string, params: Record<string, string>) =>
    request(target.app).post(path).set('Host', target.host).set('X-Forwarded-For', address).type('form').send(params);
  const token = (target: AppOnOwnTenant, address: string, clientId: string) =>
    post('/oauth/token', target, address, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' });
  /** A request its client authenticates (the right secret) and the grant then refuses: 400 invalid_grant. */
  const authenticated = (address: string, client: { clientId: string; secret: string }) =>
    post('/oauth/token', limited, address, { grant_type: 'refresh_token', refresh_token: 'never-issued', client_id: client.clientId, client_secret: client.secret });
  const revoke = (address: string, clientId: string, secret: string) =>
    post('/oauth/revoke', limited, address, { token: 'never-issued', client_id: clientId, client_secret: secret });
  const userinfo = (address: string, accessToken: string) =>
    request(limited.app).get('/userinfo').set('Host', limited.host).set('X-Forwarded-For', address).set('Authorization', `Bearer ${accessToken}`);
  const page = (path: string, address: string) =>
    request(limited.app).get(path).set('Host', limited.host).set('X-Forwarded-For', address).set('Accept', 'text/html');

  it('counts authenticated /oauth/token requests per client from any address, with Auth0 headers, then answers 429 in OAuth JSON with Retry-After', async () => {
    const client = await newClient();
    // A failed authentication naming the client spends nothing of its budget.
    expect((await token(limited, newAddress(), client.clientId)).status).toBe(401);
    const remaining: Array<string | undefined> = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await authenticated(newAddress(), client);
      expect([answer.status, answer.body.error]).toEqual([400, 'invalid_grant']);
      remaining.push(answer.headers['x-ratelimit-remaining']);
      expect(answer.headers['x-ratelimit-limit']).toBe('3');
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const before = Math.floor(Date.now() / 1000);
    const refused = await authenticated(newAddress(), client);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', error_description: expect.stringMatching(/retry after \d+ seconds?/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['x-ratelimit-limit']).toBe('3');
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    const reset = Number(refused.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(before);
    expect(reset).toBeLessThanOrEqual(before + 61);
  });

  it('does not let a flood of wrong secrets naming a client, from any number of addresses, lock that client out', async () => {
    const client = await newClient();
    for (const address of [newAddress(), newAddress()]) {
      for (let i = 0; i < 5; i += 1) expect((await token(limited, address, client.clientId)).status).toBe(401);
    }
    const answer = await authenticated(newAddress(), client);
    expect(answer.status).toBe(400);
    // Its own budget is whole: this request spent its first point.
    expect([answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']]).toEqual(['3', '2']);
  });

  it('still limits a flood of wrong secrets naming one client per address', async () => {
    const client = await newClient();
    const address = newAddress();
    for (let i = 0; i < 5; i += 1) {
      const answer = await token(limited, address, client.clientId);
      expect([answer.status, answer.headers['x-ratelimit-limit']]).toEqual([401, '5']);
    }
    const refused = await token(limited, address, client.clientId);
    expect([refused.status, refused.body.error, refused.headers['x-ratelimit-limit']]).toEqual([429, 'too_many_requests', '5']);
    expect((await authenticated(newAddress(), client)).status).toBe(400);
  });

  it('keeps serving another client from the same address once one client is limited', async () => {
    const [limitedClient, other] = [await newClient(), await newClient()];
    const address = newAddress();
    for (let i = 0; i < 3; i += 1) await authenticated(address, limitedClient);
    expect((await authenticated(address, limitedClient)).status).toBe(429);
    expect((await authenticated(address, other)).status).toBe(400);
  });

  it('counts a public client per address only: naming it is all its authentication, so its budget would be anyone\'s', async () => {
    const spa = await newClient('spa');
    const exchange = (address: string) =>
      post('/oauth/token', limited, address, { grant_type: 'authorization_code', client_id: spa.clientId, code: 'forged', redirect_uri: CALLBACK, code_verifier: VERIFIER });
    for (const address of [newAddress(), newAddress()]) {
      for (let i = 0; i < 5; i += 1) expect((await exchange(address)).status).toBe(400);
    }
    const answer = await exchange(newAddress());
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_grant']);
    expect([answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']]).toEqual(['5', '4']);
  });

  it('limits /oauth/revoke per address before the client authenticates', async () => {
    const client = await newClient();
    const address = newAddress();
    for (let i = 0; i < 5; i += 1) expect((await revoke(address, client.clientId, 'wrong')).status).toBe(401);
    const refused = await revoke(address, client.clientId, 'wrong');
    expect([refused.status, refused.body.error, refused.headers['x-ratelimit-limit']]).toEqual([429, 'too_many_requests', '5']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await revoke(newAddress(), client.clientId, client.secret)).status).toBe(200);
  });

  it('limits /oauth/revoke per client once it authenticates, from the budget it has at /oauth/token', async () => {
    const client = await newClient();
    for (let i = 0; i < 2; i += 1) expect((await authenticated(newAddress(), client)).status).toBe(400);
    const last = await revoke(newAddress(), client.clientId, client.secret);
    expect([last.status, last.headers['x-ratelimit-limit'], last.headers['x-ratelimit-remaining']]).toEqual([200, '3', '0']);
    const refused = await revoke(newAddress(), client.clientId, client.secret);
    expect([refused.status, refused.body.error, refused.headers['x-ratelimit-limit']]).toEqual([429, 'too_many_requests', '3']);
  });

  it('counts /oauth/token per address, whatever client ids one address names', async () => {
    const address = newAddress();
    for (let i = 0; i < 5; i += 1) expect((await token(limited, address, `client-d${i}`)).status).toBe(401);
    const refused = await token(limited, address, 'client-d-new');
    expect(refused.status).toBe(429);
    expect(refused.headers['x-ratelimit-limit']).toBe('5');
    expect((await token(limited, newAddress(), 'client-d-new')).status).toBe(401);
  });

  it('counts /userinfo per access token and keeps only its hash in the store', async () => {
    const address = newAddress();
    const spent = `forged.${randomBytes(12).toString('hex')}.token`;
    for (let i = 0; i < 2; i += 1) expect((await userinfo(address, spent)).status).toBe(401);
    const refused = await userinfo(address, spent);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too_many_requests');
    expect((await userinfo(address, `other.${randomBytes(12).toString('hex')}.token`)).status).toBe(401);
    // The hits reach the store in the limiters' next batch (within 100 ms).
    const keys = await eventually(async () => {
      const stored = await rateLimitKeys(h.store(), h.testStore().location);
      return stored.some((key) => key.includes('authn_userinfo_token')) ? stored : undefined;
    }, 'the /userinfo hits are in the store');
    expect(keys).not.toEqual(expect.arrayContaining([expect.stringContaining(spent.split('.')[1] ?? spent)]));
  });

  it('counts every spelling of one /userinfo token (padding, either base64 alphabet, unused last bits) against one budget', async () => {
    const address = newAddress();
    const part = randomBytes(12).toString('hex');
    // "ab-_c" and "ab+/d" decode to the same bytes: the alphabets agree and c and d differ only in
    // the last character's two unused bits.
    const spellings = [`forged.${part}.ab-_c`, `forged.${part}.ab+/d=`, `forged.${part}.ab+/c==`];
    for (const spelling of spellings.slice(0, 2)) expect((await userinfo(address, spelling)).status).toBe(401);
    expect((await userinfo(address, spellings[2]!)).status).toBe(429);
  });

  it.each(['/authorize', '/login/callback'])('answers %s with a readable page saying how long to wait, per address', async (path) => {
    const address = newAddress();
    for (let i = 0; i < 2; i += 1) expect((await page(path, address)).status).not.toBe(429);
    const refused = await page(path, address);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toMatch(/Try again in \d+ seconds?/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['x-ratelimit-limit']).toBe('2');
    expect((await page(path, newAddress())).status).not.toBe(429);
  });

  it('applies no limit and sends no rate limit headers when FITGATE_RATE_LIMITS is off', async () => {
    const address = newAddress();
    for (let i = 0; i < 8; i += 1) {
      const answer = await token(unlimited, address, 'client-e');
      expect([answer.status, answer.headers['x-ratelimit-limit']]).toEqual([401, undefined]);
    }
  });
});

/** Every bucket key the limiters wrote, on either store. */
async function rateLimitKeys(store: Store, location: string): Promise<string[]> {
  if (store instanceof SqliteStore) {
    // Rate limits live in the embedded store's short-lived file.
    return (store.shortLivedDb.prepare('SELECT key FROM rate_limits').all() as Array<{ key: string }>).map((row) => row.key);
  }
  if (store instanceof RedisStore) return keysWithPrefix(location);
  throw new Error('unknown store');
}
