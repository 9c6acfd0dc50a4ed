import { afterEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { openCreateForm } from '../create_form.js';
import { HOST, useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const PAGE = '/manage/t/default/signing-keys';

/**
 * "Rotate key" double-clicked, or sent again after going Back: the keys rotate once. A second
 * rotation would retire at once the key the first made current and publish one more new key; the
 * JWKS shows one new key, and the key that signs is the one that was next. The page opened again
 * rotates again.
 */
describe('the Rotate key form sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const jwksKids = async () =>
    ((await request(dashboard.harness().app).get('/.well-known/jwks.json').set('Host', HOST).expect(200)).body.keys as { kid: string }[]).map((key) => key.kid);
  const kidOf = async (status: string) => (await dashboard.harness().store.tenants.get('default'))!.signingKeys.find((key) => key.status === status)?.kid;
  const post = (agent: Agent, fields: Record<string, string>) => agent.post(`${PAGE}/rotate`).type('form').send(fields);

  it('rotates once for two posts at once, and not again for a post sent later', async () => {
    const agent = dashboard.agent();
    const published = await jwksKids();
    const next = await kidOf('next');
    const fields = { ...(await openCreateForm(agent, PAGE)), confirm: 'on' };
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    const update = meeting.held(store.tenants.update.bind(store.tenants));
    jest.spyOn(store.tenants, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, fields), post(agent, fields)]);

    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, `${PAGE}?done=rotated`],
      [303, `${PAGE}?done=rotated`],
    ]);
    expect(meeting.writes()).toBe(1);
    expect(await kidOf('current')).toBe(next);
    const afterOne = await jwksKids();
    expect(afterOne.filter((kid) => !published.includes(kid))).toHaveLength(1);

    jest.restoreAllMocks();
    expect((await post(agent, fields).expect(303)).headers.location).toBe(`${PAGE}?done=rotated`);
    expect(await kidOf('current')).toBe(next);
    expect(await jwksKids()).toEqual(afterOne);
  });

  it('rotates again from the page opened again', async () => {
    const agent = dashboard.agent();
    await post(agent, { ...(await openCreateForm(agent, PAGE)), confirm: 'on' }).expect(303);
    const next = await kidOf('next');

    await post(agent, { ...(await openCreateForm(agent, PAGE)), confirm: 'on' }).expect(303);

    expect(await kidOf('current')).toBe(next);
  });

  it('shows a rotation refused for its unticked box again with its token, so the two pages rotate once between them', async () => {
    const agent = dashboard.agent();
    const form = await openCreateForm(agent, PAGE);
    const refused = await post(agent, form).expect(400);
    expect(refused.text).toContain(`name="_form" value="${form._form}"`);

    const next = await kidOf('next');
    await post(agent, { ...form, confirm: 'on' }).expect(303);
    const afterOne = await jwksKids();
    await post(agent, { ...form, confirm: 'on' }).expect(303);

    expect(await kidOf('current')).toBe(next);
    expect(await jwksKids()).toEqual(afterOne);
  });
});
