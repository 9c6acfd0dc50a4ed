import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { csrfFrom, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/**
 * Turning a connection off for an application while the tenant has users asks first, on a page of
 * its own with a box to tick, from both switches: the connection's Applications tab and the
 * application's Connections section. Nothing is saved until the box is ticked.
 */
describe('turning a connection off for an application with users', () => {
  let harness: DashboardHarness;
  let agent: Agent;
  let clientId: string;
  let connectionId: string;
  const tab = '/manage/t/default/social/fitbit/applications';

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
    connectionId = (await harness.store.connections.getByName('default', 'fitbit'))!.id;
    clientId = (await createClient(harness.store.clients, { tenant: 'default', name: 'Web shop', appType: 'regular_web', callbacks: ['https://shop.example/cb'] })).client.clientId;
    const now = new Date().toISOString();
    await harness.store.users.create({ tenant: 'default', userId: 'fitbit|USER1', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
  });
  afterAll(() => harness.close());

  const enabledClients = async () => (await harness.store.connections.get('default', connectionId))?.enabledClients;
  const enable = () => updateConnection(harness.store.connections, 'default', connectionId, (current) => ({ ...current, enabledClients: [clientId] }));

  describe.each([
    ['the connection’s Applications tab', () => tab, () => `${tab}/${clientId}`],
    ['the application’s Connections section', () => `/manage/t/default/applications/${clientId}`, () => `/manage/t/default/applications/${clientId}/connections/${connectionId}`],
  ])('from %s', (_where, pageOf, switchOf) => {
    beforeAll(enable);

    it('shows the switch on, with a link to the confirmation instead of a form', async () => {
      const { text } = await agent.get(pageOf()).expect(200);
      expect(text).toContain(`href="${switchOf()}/turn-off">Turn off…`);
      expect(text).not.toContain(`action="${switchOf()}"`);
    });

    it('sends a switch posted off to the confirmation page, saving nothing', async () => {
      const answer = await submitForm(agent, pageOf(), switchOf(), {});
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(`${switchOf()}/turn-off`);
      expect(await enabledClients()).toEqual([clientId]);
      const confirm = await agent.get(`${switchOf()}/turn-off`).expect(200);
      expect(confirm.text).toContain('Users who signed in to <strong>Web shop</strong> through');
      expect(confirm.text).toContain('<input type="checkbox" name="confirm" required>');
    });

    it('keeps the switch on for the script, saying why', async () => {
      const _csrf = await csrfFrom(agent, pageOf());
      const { body } = await agent.post(switchOf()).set('Accept', 'application/json').type('form').send({ _csrf }).expect(200);
      expect(body.enabled).toBe(true);
      expect(await enabledClients()).toEqual([clientId]);
    });

    it('refuses the confirmation unticked, and without the CSRF token', async () => {
      const unticked = await submitForm(agent, `${switchOf()}/turn-off`, `${switchOf()}/turn-off`, {});
      expect(unticked.status).toBe(400);
      expect(unticked.text).toContain('Tick the box to confirm');
      await agent.post(`${switchOf()}/turn-off`).type('form').send({ confirm: 'on' }).expect(403);
      expect(await enabledClients()).toEqual([clientId]);
    });

    it('turns it off once ticked, back on the switch’s page', async () => {
      const done = await submitForm(agent, `${switchOf()}/turn-off`, `${switchOf()}/turn-off`, { confirm: 'on' });
      expect(done.status).toBe(303);
      expect(String(done.headers.location).startsWith(pageOf())).toBe(true);
      expect(await enabledClients()).toEqual([]);
    });

    it('turns it on again in one step', async () => {
      await submitForm(agent, pageOf(), switchOf(), { enabled: 'on' }).then((r) => expect(r.status).toBe(303));
      expect(await enabledClients()).toEqual([clientId]);
    });
  });
});
