import { expect, it } from '@jest/globals';
import request from 'supertest';
import { DASHBOARD_SESSION_COOKIE } from '../../../src/http/session.js';
import { describeEachStore } from '../../support/stores.js';
import { HOST, useDashboardOnStore } from './dashboard_harness.js';

const LIMIT = 5;

/**
 * FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS: every /manage request counts against its address, before
 * the session; past the limit, a page that says how long to wait (429, Retry-After). Behind a
 * proxy here, so each test can come from addresses of its own.
 */
describeEachStore('the dashboard rate limit per address', (stores) => {
  const harness = useDashboardOnStore(stores, {
    environment: { FITGATE_RATE_LIMITS: 'on', FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS: `${LIMIT}/60`, FITGATE_TRUST_PROXY: 'loopback' },
  });
  const from = (address: string, path: string) =>
    request(harness().app).get(path).set('Host', HOST).set('X-Forwarded-For', address);

  it(`answers a readable 429 with Retry-After after ${LIMIT} requests from one address, and lets another address in`, async () => {
    for (let i = 0; i < LIMIT; i += 1) await from('198.51.100.7', `/manage/nonexistent-${i}`).expect(303);
    const limited = await from('198.51.100.7', '/manage/login').expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A page even for a client that did not ask for HTML: the dashboard answers people.
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(limited.text).toContain('Too many requests to the dashboard came from your network. Try again in');
    expect(limited.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
    // Refused before the session: the sign-in page's session was never made.
    expect(limited.headers['set-cookie']).toBeUndefined();

    const other = await from('198.51.100.8', '/manage/login').expect(200);
    expect(String(other.headers['set-cookie'])).toContain(`${DASHBOARD_SESSION_COOKIE}=`);
  });

  it('counts an IPv6 client by its /64', async () => {
    for (let i = 1; i <= LIMIT; i += 1) await from(`2001:db8:0:7::${i}`, '/manage').expect(303);
    await from('2001:db8:0:7::ffff', '/manage').expect(429);
    await from('2001:db8:0:8::1', '/manage').expect(303);
  });
});
