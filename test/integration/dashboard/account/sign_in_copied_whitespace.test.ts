import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfTokenOf, HOST, useSignedInDashboard } from '../dashboard_harness.js';

const HINT = 'the password begins or ends with whitespace (a space, tab or line break copied with it)';

/**
 * The admin password pasted with whitespace around it (from admin-password.txt, or the start's
 * printout): still refused, but the refusal names the whitespace when the password without it is the
 * account's, as /oauth/token does for a client secret. Nothing else learns anything from it.
 */
describe('the dashboard sign-in with whitespace copied around the password', () => {
  const dashboard = useSignedInDashboard();

  async function signIn(email: string, password: string) {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const answer = await agent.post('/manage/login').type('form').send({ _csrf: csrfTokenOf(form.text), email, password });
    return { agent, answer };
  }

  it.each([
    ['a line break after it', (password: string) => `${password}\n`],
    ['spaces before and after it', (password: string) => `  ${password}  `],
    ['a tab before it', (password: string) => `\t${password}`],
  ])('with %s, refuses the sign-in and says to remove the whitespace', async (_case, pasted) => {
    const { agent, answer } = await signIn(dashboard.admin().email, pasted(dashboard.admin().password));
    expect(answer.status).toBe(401);
    expect(answer.text).toContain(HINT);
    expect(answer.text).toContain('Remove it and sign in again.');
    await agent.get('/manage/t/default').expect(303);
  });

  it('says nothing of whitespace around a wrong password', async () => {
    const { answer } = await signIn(dashboard.admin().email, ' not the password ');
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('That email and password do not match an admin account.');
    expect(answer.text).not.toContain(HINT);
  });

  it("says nothing of whitespace around the password for an email that is no admin's", async () => {
    const { answer } = await signIn('nobody@example.com', ` ${dashboard.admin().password}\n`);
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('That email and password do not match an admin account.');
    expect(answer.text).not.toContain(HINT);
  });
});
