import { expect, it } from '@jest/globals';
import request from 'supertest';
import { withNewCredentialVersion } from '../../../../src/domain/admin_credentials.js';
import { updateAdmin } from '../../../../src/domain/admin_updates.js';
import { hashPassword } from '../../../../src/domain/passwords.js';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from '../dashboard_harness.js';

const { perAccount, perAccountWide } = DEFAULT_SIGN_IN_LIMITS;
const DEVICE_COOKIE = 'fitgate.manage.device';
/** Each blocking test checks some fifty passwords (scrypt, ~100 ms each). */
const SLOW = 120_000;

/**
 * Device cookies: whoever knows an admin's email can spend the account-wide sign-in limit from many
 * addresses, but a browser that signed in to that account before is exempt from it and still signs
 * in. Nothing else is: no cookie, another account's, a forged one, or one from before a password
 * change. (Behind a proxy, so the addresses can be set.)
 */
describeEachStore('device cookies and the account-wide sign-in limit', (stores) => {
  const harness = useDashboardOnStore(stores, { environment: { FITGATE_TRUST_PROXY: 'loopback' } });

  /**
   * A browser with the sign-in form open, carrying `deviceCookie` (name=value) if given; its
   * attempts come from the address they name. Cookies are set by hand so a test can forge them.
   */
  async function signInForm(deviceCookie?: string) {
    const page = await request(harness().app).get('/manage/login').set('Host', HOST).expect(200);
    const session = cookieFrom(page.headers['set-cookie'], 'fitgate.manage.sid');
    const cookies = [session, ...(deviceCookie ? [deviceCookie] : [])].join('; ');
    const _csrf = csrfTokenOf(page.text);
    return (from: string, email: string, password: string) =>
      request(harness().app)
        .post('/manage/login')
        .set('Host', HOST)
        .set('X-Forwarded-For', from)
        .set('Cookie', cookies)
        .type('form')
        .send({ _csrf, email, password });
  }

  /** Signs in from a fresh browser and returns the device cookie it was given (name=value). */
  async function deviceCookieOf(from: string, email: string, password: string): Promise<string> {
    const signedIn = await (await signInForm())(from, email, password);
    expect(signedIn.status).toBe(303);
    return cookieFrom(signedIn.headers['set-cookie'], DEVICE_COOKIE);
  }

  /** `perAccountWide` wrong passwords for `email`, fewer than `perAccount` from each of many addresses. */
  async function failFromManyAddresses(email: string, network: number): Promise<void> {
    const attempt = await signInForm();
    for (let i = 0; i < perAccountWide; i += 1) {
      const from = `10.${network}.${Math.floor(i / (perAccount - 1))}.1`;
      expect((await attempt(from, email, `wrong ${i}`)).status).toBe(401);
    }
  }

  it('sets an HttpOnly, SameSite=Lax cookie for /manage on a successful sign-in, with no email in it', async () => {
    const admin = await harness().seedAdmin(`cookie-${stores.kind}@example.com`, ['default']);
    const signedIn = await (await signInForm())('10.40.0.1', admin.email, admin.password);
    expect(signedIn.status).toBe(303);
    const header = setCookieHeader(signedIn.headers['set-cookie'], DEVICE_COOKIE);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Path=\/manage(;|$)/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Max-Age=\d{6,}/);
    expect(header).not.toMatch(/; Secure/); // the public URL is http
    expect(header).not.toContain('example.com');

    const failed = await (await signInForm())('10.40.0.2', admin.email, 'wrong');
    expect(failed.status).toBe(401);
    expect(String(failed.headers['set-cookie'] ?? '')).not.toContain(DEVICE_COOKIE);
  });

  it('signs in a browser that signed in to the account before, after the account-wide block; others are refused', async () => {
    const admin = await harness().seedAdmin(`known-${stores.kind}@example.com`, ['default']);
    const known = await deviceCookieOf('10.41.0.1', admin.email, admin.password);
    await failFromManyAddresses(admin.email, 42);

    expect((await (await signInForm())('10.99.1.1', admin.email, admin.password)).status).toBe(429);
    expect((await (await signInForm(known))('10.99.1.2', admin.email, admin.password)).status).toBe(303);
    // Exempt from the account-wide limit only: a wrong password from it still fails, and is not blocked.
    expect((await (await signInForm(known))('10.99.1.3', admin.email, 'wrong')).status).toBe(401);
  }, SLOW);

  it('does not exempt another account\'s cookie, a forged one, or one from before a password change', async () => {
    const admin = await harness().seedAdmin(`target-${stores.kind}@example.com`, ['default']);
    const other = await harness().seedAdmin(`other-${stores.kind}@example.com`, ['default']);
    const otherAccounts = await deviceCookieOf('10.43.0.1', other.email, other.password);
    const beforeChange = await deviceCookieOf('10.43.0.2', admin.email, admin.password);
    const password = 'the new password';
    const passwordHash = await hashPassword(password);
    await updateAdmin(harness().store.admins, admin.email, (current) => ({ ...withNewCredentialVersion(current), passwordHash }));
    const forged = tampered(await deviceCookieOf('10.43.0.3', admin.email, password));
    await failFromManyAddresses(admin.email, 44);

    expect((await (await signInForm(otherAccounts))('10.99.2.1', admin.email, password)).status).toBe(429);
    expect((await (await signInForm(forged))('10.99.2.2', admin.email, password)).status).toBe(429);
    expect((await (await signInForm(beforeChange))('10.99.2.3', admin.email, password)).status).toBe(429);
  }, SLOW);
});

function setCookieHeader(headers: unknown, name: string): string {
  const found = (Array.isArray(headers) ? (headers as string[]) : []).find((header) => header.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie was set`);
  return found;
}

/** name=value of the cookie `name` set by a response. */
function cookieFrom(headers: unknown, name: string): string {
  return setCookieHeader(headers, name).split(';')[0]!;
}

/** The cookie with one character of its value changed. */
function tampered(cookie: string): string {
  const at = cookie.indexOf('=') + 5;
  return `${cookie.slice(0, at)}${cookie[at] === 'A' ? 'B' : 'A'}${cookie.slice(at + 1)}`;
}
