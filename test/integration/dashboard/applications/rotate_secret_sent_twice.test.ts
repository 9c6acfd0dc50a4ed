import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createClient, verifyClientSecret } from '../../../../src/domain/clients.js';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const LIST = '/manage/t/default/applications';

/**
 * "Rotate secret" double-clicked, or sent again after going Back: the secret is rotated once, so the
 * secret the credentials page shows is the one that works, not one a second rotation already
 * replaced. That page still shows it on one view only; a rotation page opened again rotates again.
 */
describe('the Rotate secret form sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const secretOn = (html: string) => /id="client-secret">([^<]+)</.exec(html)?.[1];

  async function application(name: string): Promise<{ clientId: string; page: string }> {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name, appType: 'regular_web' });
    return { clientId: client.clientId, page: `${LIST}/${client.clientId}` };
  }

  const openForm = (agent: Agent, page: string) => openCreateForm(agent, `${page}/rotate-secret`);
  const post = (agent: Agent, page: string, fields: Record<string, string>) => agent.post(`${page}/rotate-secret`).type('form').send(fields);
  const stored = async (clientId: string) => (await dashboard.harness().store.clients.get('default', clientId))!;

  it('rotates once for two posts at once, shows the secret that works once, and not again for a post sent later', async () => {
    const agent = dashboard.agent();
    const { clientId, page } = await application('Rotated at once');
    const fields = { ...(await openForm(agent, page)), confirm: 'on' };
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    const update = meeting.held(store.clients.update.bind(store.clients));
    jest.spyOn(store.clients, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, page, fields), post(agent, page, fields)]);

    expect(meeting.writes()).toBe(1);
    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, `${page}/credentials`],
      [303, `${page}/credentials`],
    ]);
    // The browser shows the last answer: its page has the secret, once, and it is the one stored.
    const secret = secretOn((await agent.get(`${page}/credentials`).expect(200)).text);
    expect(verifyClientSecret(await stored(clientId), secret!)).toBe(true);
    expect((await agent.get(`${page}/credentials`).expect(303)).headers.location).toBe(page);

    jest.restoreAllMocks();
    const later = await post(agent, page, fields).expect(303);
    expect(later.headers.location).toBe(`${page}/credentials`);
    expect((await agent.get(`${page}/credentials`).expect(303)).headers.location).toBe(page);
    expect(verifyClientSecret(await stored(clientId), secret!)).toBe(true);
  });

  it('shows the first rotation’s secret when the second post came before the credentials page was seen', async () => {
    const agent = dashboard.agent();
    const { clientId, page } = await application('Rotated twice in a row');
    const fields = { ...(await openForm(agent, page)), confirm: 'on' };
    await post(agent, page, fields).expect(303);
    const hash = (await stored(clientId)).clientSecretHash;
    await post(agent, page, fields).expect(303);

    expect((await stored(clientId)).clientSecretHash).toBe(hash);
    const secret = secretOn((await agent.get(`${page}/credentials`).expect(200)).text);
    expect(verifyClientSecret(await stored(clientId), secret!)).toBe(true);
  });

  it('rotates again from a rotation page opened again', async () => {
    const agent = dashboard.agent();
    const { clientId, page } = await application('Rotated on purpose');
    await post(agent, page, { ...(await openForm(agent, page)), confirm: 'on' }).expect(303);
    const first = secretOn((await agent.get(`${page}/credentials`).expect(200)).text)!;

    await post(agent, page, { ...(await openForm(agent, page)), confirm: 'on' }).expect(303);
    const second = secretOn((await agent.get(`${page}/credentials`).expect(200)).text)!;

    expect(second).not.toBe(first);
    expect(verifyClientSecret(await stored(clientId), second)).toBe(true);
    expect(verifyClientSecret(await stored(clientId), first)).toBe(false);
  });
});
