import { expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from '../dashboard_harness.js';

const { perAccount, perAccountWide } = DEFAULT_SIGN_IN_LIMITS;
/** Each test checks some fifty passwords (scrypt, ~100 ms each). */
const SLOW = 120_000;

/**
 * Guessing one admin's password from many addresses: each address stays under its own per-account
 * limit, but the failures add up to the account-wide one, which then refuses the account from any
 * address. An email that is no admin's is refused the same way, so the block tells nothing about
 * which accounts exist. (Behind a proxy, so the addresses can be set.)
 */
describeEachStore('the account-wide sign-in limit', (stores) => {
  const harness = useDashboardOnStore(stores, { environment: { FITGATE_TRUST_PROXY: 'loopback' } });

  /** A browser with the sign-in form open; its attempts come from the address they name. */
  async function signInForm() {
    const agent = request.agent(harness().app).host(HOST);
    const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    return (from: string, email: string, password: string) =>
      agent.post('/manage/login').set('X-Forwarded-For', from).type('form').send({ _csrf, email, password });
  }

  /** `perAccountWide` wrong passwords for `email`, fewer than `perAccount` from each of many addresses. */
  async function failFromManyAddresses(email: string, network: number): Promise<void> {
    const attempt = await signInForm();
    for (let i = 0; i < perAccountWide; i += 1) {
      const from = `10.${network}.${Math.floor(i / (perAccount - 1))}.1`;
      expect((await attempt(from, email, `wrong ${i}`)).status).toBe(401);
    }
  }

  it(`refuses the account from any address after ${perAccountWide} failures spread over many, even with the right password`, async () => {
    const admin = await harness().seedAdmin(`wide-${stores.kind}@example.com`, ['default']);
    await failFromManyAddresses(admin.email, 1);
    const attempt = await signInForm();
    const limited = await attempt('10.99.0.1', admin.email, admin.password);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(DEFAULT_SIGN_IN_LIMITS.accountWideWindowSeconds - 300);
    expect(limited.text).toContain(`Too many sign-in attempts for this email, from several networks. Try again in ${Math.ceil(retryAfter / 60)} minutes.`);
    expect(limited.text).toContain('npm run admin -- reset-password EMAIL');

    const other = await harness().seedAdmin(`unaffected-${stores.kind}@example.com`, ['default']);
    expect((await attempt('10.99.0.1', other.email, other.password)).status).toBe(303);
  }, SLOW);

  it('refuses an email that is no admin\'s in the same words', async () => {
    await failFromManyAddresses(`nobody-${stores.kind}@example.com`, 2);
    const limited = await (await signInForm())('10.99.0.2', `nobody-${stores.kind}@example.com`, 'any password');
    expect(limited.status).toBe(429);
    expect(limited.text).toMatch(/Too many sign-in attempts for this email, from several networks\. Try again in \d+ minutes\./);
  }, SLOW);

  it('does not count the admin\'s own successful sign-ins', async () => {
    const admin = await harness().seedAdmin(`frequent-${stores.kind}@example.com`, ['default']);
    for (let i = 0; i <= perAccountWide; i += 1) {
      expect((await (await signInForm())(`10.3.${i}.1`, admin.email, admin.password)).status).toBe(303);
    }
  }, SLOW);
});
