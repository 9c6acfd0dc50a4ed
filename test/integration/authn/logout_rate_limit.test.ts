import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { appOnOwnTenant, type AppOnOwnTenant } from '../../support/app_on_own_tenant.js';
import { describeEachStore } from '../../support/stores.js';

// /authorize's window, small, so the limit is reached in a few requests. Addresses come from
// X-Forwarded-For (the fixture trusts the proxy), one range of its own per test.
const LIMITS = { FITGATE_RATE_LIMITS: 'on', FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: '3/60' };

let addressCount = 0;
/** A documentation address (RFC 5737) of a range no other rate limit test uses. */
const newAddress = () => `198.51.100.${(addressCount += 1)}`;

/**
 * GET /v2/logout and GET and POST /oidc/logout are limited per address, one budget for the three
 * (sized by FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS, counted apart from /authorize): anyone may
 * send a logout, so a flood from one address is refused before it reaches the session store.
 */
describeEachStore('logout rate limit', (h) => {
  let limited: AppOnOwnTenant;
  beforeAll(async () => {
    limited = await appOnOwnTenant(h.store(), 'logoutlimits', LIMITS);
  });

  const get = (path: string, address: string) => request(limited.app).get(path).set('Host', limited.host).set('X-Forwarded-For', address).set('Accept', 'text/html');
  const post = (address: string) =>
    request(limited.app).post('/oidc/logout').set('Host', limited.host).set('X-Forwarded-For', address).set('Accept', 'text/html').type('form').send('');

  it('refuses the logout routes from one address once their shared budget is spent, with a page saying how long to wait', async () => {
    const address = newAddress();
    expect((await get('/v2/logout', address)).status).toBe(200);
    expect((await get('/oidc/logout', address)).status).toBe(200);
    expect((await post(address)).status).toBe(303);
    for (const refused of [await get('/v2/logout', address), await get('/oidc/logout', address), await post(address)]) {
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.text).toMatch(/Try again in \d+ seconds?/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['x-ratelimit-limit']).toBe('3');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    // Another address has its own budget, and /authorize keeps its own at this one.
    expect((await get('/v2/logout', newAddress())).status).toBe(200);
    expect((await get('/authorize', address)).status).not.toBe(429);
  });
});
