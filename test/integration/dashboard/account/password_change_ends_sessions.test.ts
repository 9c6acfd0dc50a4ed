import { expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import request from 'supertest';
import { setAdminPassword } from '../../../../src/dashboard/account/admin_password.js';
import { DASHBOARD_SESSION_COOKIE } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, submitForm, useDashboardOnStore, type Agent, type SeededAdmin } from '../dashboard_harness.js';

type StoredSession = SessionData & Record<string, unknown>;

/**
 * A new password ends every other dashboard session of the account, so an admin who suspects
 * someone else is signed in as them evicts that someone by changing it (or having it reset on the
 * server). The browser that changed it stays signed in.
 */
describeEachStore('a new admin password ends the other sessions', (stores) => {
  const harness = useDashboardOnStore(stores);

  /** Signs `who` in with a fresh browser; the browser and the dashboard cookie (name=value) it was given. */
  async function signIn(who: SeededAdmin): Promise<{ browser: Agent; cookie: string }> {
    const browser = request.agent(harness().app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get('/manage/login').expect(200)).text);
    const signedIn = await browser.post('/manage/login').type('form').send({ _csrf, email: who.email, password: who.password }).expect(303);
    const line = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${DASHBOARD_SESSION_COOKIE}=`));
    return { browser, cookie: line!.split(';')[0]! };
  }

  const resetOnServer = async (email: string, password: string) =>
    // What `npm run admin -- reset-password` does.
    setAdminPassword({ admins: harness().store.admins, dataDir: harness().config.dataDir }, email, password);

  /** Whether the cookie opens a dashboard page, rather than being sent to sign in. */
  async function opens(cookie: string): Promise<boolean> {
    const response = await request(harness().app).get('/manage/t/default').set('Host', HOST).set('Cookie', cookie);
    return response.status === 200;
  }

  it('signs out every other session when the admin changes the password, and keeps the one that changed it', async () => {
    const admin = await harness().seedAdmin('changes@example.com', ['default']);
    const intruder = (await signIn(admin)).cookie;
    const owner = (await signIn(admin)).browser;
    expect(await opens(intruder)).toBe(true);

    const changed = await submitForm(owner, '/manage/account', '/manage/account', {
      current_password: admin.password,
      password: 'a password the intruder does not know',
      confirm: 'a password the intruder does not know',
    });
    expect(changed.status).toBe(303);

    expect(await opens(intruder)).toBe(false);
    await owner.get('/manage/account?changed=1').expect(200);
  });

  it('signs out every session when the password is reset on the server', async () => {
    const admin = await harness().seedAdmin('reset@example.com', ['default']);
    const sessions = [(await signIn(admin)).cookie, (await signIn(admin)).cookie];
    await resetOnServer(admin.email, 'a generated password');
    for (const cookie of sessions) expect(await opens(cookie)).toBe(false);
  });

  it('keeps a session signed in before sessions recorded the credential version, until the password changes', async () => {
    const other = await harness().seedAdmin('veteran@example.com', ['default']);
    const { cookie } = await signIn(other);
    const id = /^s:([^.]+)\./.exec(decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)))![1]!;
    const sessions = harness().store.sessionStore();
    const session = await new Promise<StoredSession>((resolve, reject) => sessions.get(id, (error, found) => (error ? reject(error) : resolve(found as StoredSession))));
    delete session.adminCredentialVersion;
    await new Promise<void>((resolve, reject) => sessions.set(id, session, (error) => (error ? reject(error) : resolve())));

    expect(await opens(cookie)).toBe(true);
    await resetOnServer(other.email, 'a new password');
    expect(await opens(cookie)).toBe(false);
  });
});
