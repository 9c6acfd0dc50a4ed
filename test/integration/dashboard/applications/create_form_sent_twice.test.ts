import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';

const LIST = '/manage/t/default/applications';

/**
 * "Create application" double-clicked, or sent again after going Back: one application, and every
 * post lands on it, rather than one application per post, each with a secret the browser never
 * shows and each enabled on every connection. The secret is still shown on one view only.
 */
describe('the Create application form sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const openForm = (agent: Agent) => openCreateForm(agent, `${LIST}/new`);
  const post = (agent: Agent, fields: Record<string, string>) => agent.post(LIST).type('form').send(fields);

  async function named(name: string): Promise<string[]> {
    const { items } = await dashboard.harness().store.clients.list('default', { page: 0, perPage: 100 });
    return items.filter((client) => client.name === name).map((client) => client.clientId);
  }

  it('makes one application from two posts at once, both leading to it, and none from a post sent later', async () => {
    const agent = dashboard.agent();
    const fields = { ...(await openForm(agent)), name: 'Clicked twice', app_type: 'regular_web' };
    // The first post to make its application does so only once the other has arrived too (found
    // the form claimed, or come to make one of its own), so the two meet while the first is at work.
    const { store } = dashboard.harness();
    let bothArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
    const tryAcquire = store.locks.tryAcquire.bind(store.locks);
    jest.spyOn(store.locks, 'tryAcquire').mockImplementation(async (name, ttlMs) => {
      const token = await tryAcquire(name, ttlMs);
      if (token === undefined) bothArrived();
      return token;
    });
    const create = store.clients.create.bind(store.clients);
    let creations = 0;
    jest.spyOn(store.clients, 'create').mockImplementation(async (client) => {
      if (++creations > 1) bothArrived();
      await arrived;
      return create(client);
    });

    const answers = await Promise.all([post(agent, fields), post(agent, fields)]);

    const made = await named('Clicked twice');
    expect(made).toHaveLength(1);
    const credentials = `${LIST}/${made[0]}/credentials`;
    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, credentials],
      [303, credentials],
    ]);
    // The browser shows the last answer: its page has the secret, once.
    expect((await agent.get(credentials).expect(200)).text).toContain('id="client-secret"');
    expect((await agent.get(credentials).expect(303)).headers.location).toBe(`${LIST}/${made[0]}`);

    jest.restoreAllMocks();
    const later = await post(agent, fields).expect(303);
    expect(later.headers.location).toBe(credentials);
    expect(await named('Clicked twice')).toEqual(made);
    expect((await agent.get(credentials).expect(303)).headers.location).toBe(`${LIST}/${made[0]}`);
  });

  it('makes a second application from the same form sent back with another name', async () => {
    const agent = dashboard.agent();
    const form = await openForm(agent);
    await post(agent, { ...form, name: 'First name', app_type: 'spa' }).expect(303);
    const renamed = await post(agent, { ...form, name: 'Second name', app_type: 'spa' }).expect(303);

    const [second] = await named('Second name');
    expect(renamed.headers.location).toBe(`${LIST}/${second}/credentials`);
    expect(await named('First name')).toHaveLength(1);
  });

  it('makes another application from a form opened again', async () => {
    const agent = dashboard.agent();
    await post(agent, { ...(await openForm(agent)), name: 'Made on purpose', app_type: 'native' }).expect(303);
    await post(agent, { ...(await openForm(agent)), name: 'Made on purpose', app_type: 'native' }).expect(303);
    expect(await named('Made on purpose')).toHaveLength(2);
  });
});
