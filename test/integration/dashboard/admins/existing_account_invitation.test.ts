import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

/**
 * Inviting an email that already has an account. The account has one password for all its tenants,
 * chosen by whoever holds one of its set-password links. Mallory, admin of a tenant of her own, invites
 * bob@corp.test there and keeps his link (or uses it at once): if an invitation from an admin of
 * `default` then added `default` to that account, Mallory would sign in as bob to `default`. So the
 * tenant is added only by an admin who manages every tenant the account has; and when a pending
 * account gains a tenant, the links handed out before stop working and the inviter gets a new one.
 */
describeEachStore('inviting an email that already has an account', (stores) => {
  const harness = useDashboardOnStore(stores);
  let mallory: Agent;
  let dana: Agent;
  let carol: Agent;

  beforeAll(async () => {
    mallory = await signedInAgent(harness().app, await harness().seedAdmin('mallory@evil.test', ['evil']));
    dana = await signedInAgent(harness().app, await harness().seedAdmin('dana@example.com', ['default']));
    carol = await signedInAgent(harness().app, await harness().seedAdmin('carol@example.com', ['default', 'acme']));
  });

  const linkOn = (html: string) => /id="set-password-link">([^<]+)</.exec(html)?.[1];

  /** Submits the Add admin form of `tenant` as `agent`: the answer, and the page shown after the redirect when there is one. */
  async function invite(agent: Agent, tenant: string, email: string): Promise<{ status: number; text: string; link: string | undefined }> {
    const page = `/manage/t/${tenant}/admins`;
    const response = await submitForm(agent, page, page, { email });
    if (response.status !== 303) return { status: response.status, text: response.text, link: undefined };
    const { text } = await agent.get(String(response.headers.location)).expect(200);
    return { status: 303, text, link: linkOn(text) };
  }

  async function linkOpens(link: string): Promise<boolean> {
    return (await request(harness().app).get(new URL(link).pathname).set('Host', HOST)).status === 200;
  }

  /** Sets the password with `link` in a new browser, which the set-password page signs in. */
  async function setPassword(link: string, password: string): Promise<Agent> {
    const path = new URL(link).pathname;
    const browser = request.agent(harness().app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get(path).expect(200)).text);
    await browser.post(path).type('form').send({ _csrf, password, confirm: password }).expect(303);
    return browser;
  }

  function expectRefusedOnTheForm(refused: { status: number; text: string; link: string | undefined }, email: string): void {
    expect(refused.status).toBe(400);
    expect(refused.link).toBeUndefined();
    expect(refused.text).toContain('id="email-error"');
    expect(refused.text).toContain('aria-invalid="true"');
    expect(refused.text).toContain(`value="${email}"`);
    expect(refused.text).toContain('only an admin who manages every one of its tenants can add it here: ask one of them, or use another email address.');
    expect(refused.text).not.toContain('evil');
  }

  it('refuses an admin of default the account another tenant invited, and that link never opens default', async () => {
    const planted = await invite(mallory, 'evil', 'bob@corp.test');
    expect(planted.link).toBeDefined();

    expectRefusedOnTheForm(await invite(dana, 'default', 'bob@corp.test'), 'bob@corp.test');
    expect((await harness().store.admins.get('bob@corp.test'))?.tenants).toEqual(['evil']);
    expect((await dana.get('/manage/t/default/admins').expect(200)).text).not.toContain('bob@corp.test');

    const asBob = await setPassword(planted.link!, 'chosen by mallory for bob');
    await asBob.get('/manage/t/evil').expect(200);
    await asBob.get('/manage/t/default').expect(404);
    await asBob.get('/manage/t/default/applications').expect(404);
  });

  it('refuses it too when the other tenant already set the account its password', async () => {
    const planted = await invite(mallory, 'evil', 'bea@corp.test');
    await setPassword(planted.link!, 'chosen by mallory for bea');

    expectRefusedOnTheForm(await invite(dana, 'default', 'bea@corp.test'), 'bea@corp.test');
    expect((await harness().store.admins.get('bea@corp.test'))?.tenants).toEqual(['evil']);
    const asBea = await signedInAgent(harness().app, { email: 'bea@corp.test', password: 'chosen by mallory for bea', tenants: ['evil'] });
    await asBea.get('/manage/t/default').expect(404);
  });

  it('adds the tenant for an admin who manages every tenant of the account, with or without a password', async () => {
    await invite(carol, 'acme', 'pat@example.com');
    const pending = await invite(carol, 'default', 'pat@example.com');
    expect(pending.status).toBe(303);
    expect(pending.text).toContain('pat@example.com was already invited and has not set a password yet, and now manages this tenant too.');
    expect(pending.link).toMatch(/^http:\/\/localhost:3000\/manage\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect((await harness().store.admins.get('pat@example.com'))?.tenants).toEqual(['acme', 'default']);
    const pat = await setPassword(pending.link!, 'the password pat chose');
    await pat.get('/manage/t/acme').expect(200);
    await pat.get('/manage/t/default').expect(200);

    const vera = await harness().seedAdmin('vera@example.com', ['acme']);
    const veraSignedIn = await signedInAgent(harness().app, vera);
    const active = await invite(carol, 'default', 'vera@example.com');
    expect(active.status).toBe(303);
    expect(active.link).toBeUndefined();
    expect(active.text).toContain('vera@example.com now manages this tenant too; they sign in with their existing password.');
    // Her password and her sessions stay: only a pending account's links are replaced.
    await veraSignedIn.get('/manage/t/default').expect(200);
  });

  it('voids the link a pending account was given before it gained a tenant', async () => {
    const first = await invite(carol, 'acme', 'quinn@example.com');
    const second = await invite(carol, 'default', 'quinn@example.com');
    expect(second.link).toBeDefined();
    expect(second.link).not.toEqual(first.link);

    expect(await linkOpens(first.link!)).toBe(false);
    const path = new URL(first.link!).pathname;
    const browser = request.agent(harness().app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get('/manage/login').expect(200)).text);
    const stale = await browser.post(path).type('form').send({ _csrf, password: 'through the older link', confirm: 'through the older link' });
    expect(stale.status).toBe(404);
    expect((await harness().store.admins.get('quinn@example.com'))?.passwordHash).toBeUndefined();
    expect(await linkOpens(second.link!)).toBe(true);
  });
});
