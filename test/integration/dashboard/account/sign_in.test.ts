import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DASHBOARD_SESSION_COOKIE } from '../../../../src/http/session.js';
import { csrfTokenOf, HOST, useSignedInDashboard } from '../dashboard_harness.js';

function sessionCookie(response: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${DASHBOARD_SESSION_COOKIE}=`))?.split(';')[0];
}

describe('dashboard sign-in and sign-out', () => {
  const dashboard = useSignedInDashboard();

  it('sends a visitor who is not signed in to the sign-in page, remembering the page asked for', async () => {
    const response = await request(dashboard.harness().app).get('/manage/t/default/applications').set('Host', HOST).expect(303);
    expect(response.headers.location).toBe('/manage/login?next=%2Fmanage%2Ft%2Fdefault%2Fapplications');
  });

  it('signs an admin in with the right password on a new session id and goes where they were headed', async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login?next=/manage/t/default/applications').expect(200);
    const before = sessionCookie(form);
    expect(before).toBeDefined();

    const signedIn = await agent
      .post('/manage/login')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: 'Owner@Example.com', password: dashboard.admin().password, next: '/manage/t/default/applications' })
      .expect(303);
    expect(signedIn.headers.location).toBe('/manage/t/default/applications');
    const after = sessionCookie(signedIn);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);

    const page = await agent.get('/manage/t/default/applications').expect(200);
    expect(page.text).toContain('owner@example.com');
  });

  it('refuses a wrong password with a page saying so, and stays signed out', async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const refused = await agent
      .post('/manage/login')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: dashboard.admin().email, password: 'not the password' })
      .expect(401);
    expect(refused.text).toContain('That email and password do not match an admin account.');
    await agent.get('/manage/t/default').expect(303);
  });

  it('refuses an unknown email with the same message as a wrong password', async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const refused = await agent
      .post('/manage/login')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: 'nobody@example.com', password: dashboard.admin().password })
      .expect(401);
    expect(refused.text).toContain('That email and password do not match an admin account.');
  });

  it('never sends a redirect after sign-in off the dashboard', async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const signedIn = await agent
      .post('/manage/login')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: dashboard.admin().email, password: dashboard.admin().password, next: '//evil.example/manage' })
      .expect(303);
    expect(signedIn.headers.location).toBe('/manage');
  });

  it('ends the session at sign-out, so the old cookie no longer opens the dashboard', async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const signedIn = await agent
      .post('/manage/login')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: dashboard.admin().email, password: dashboard.admin().password })
      .expect(303);
    const oldCookie = sessionCookie(signedIn)!;
    const home = await agent.get('/manage/t/default').expect(200);

    await agent.post('/manage/logout').type('form').send({ _csrf: csrfTokenOf(home.text) }).expect(303);
    await request(dashboard.harness().app).get('/manage/t/default').set('Host', HOST).set('Cookie', oldCookie).expect(303);
  });
});
