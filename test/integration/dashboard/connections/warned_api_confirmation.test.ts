import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { startDashboardHarness, signedInAgent, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/**
 * Moving a connection with users onto an API its plugin warns about (ConnectionApi.warning; Fitbit's
 * legacy API here) needs the box beside the warning ticked; Save and Try alike save nothing before.
 */
describe('switching a connection onto a warned API', () => {
  let harness: DashboardHarness;
  let agent: Agent;
  const page = '/manage/t/default/social/fitbit';
  const legacy = { api: 'fitbit-legacy', client_id: '23ABCD', scope: ['activity', 'profile'] };
  const storedApi = async () => (await harness.store.connections.getByName('default', 'fitbit'))?.options.api;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins() });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(() => harness.close());

  it('switches in one Save while the tenant has no user', async () => {
    await configureFitbit(harness, { api: 'google-health', clientId: 'x.apps.googleusercontent.com', clientSecret: 'GOCSPX-x' });
    await submitForm(agent, page, page, legacy).then((r) => expect(r.status).toBe(303));
    expect(await storedApi()).toBe('fitbit-legacy');
  });

  describe('with users', () => {
    beforeAll(async () => {
      const now = new Date().toISOString();
      await harness.store.users.create({ tenant: 'default', userId: 'fitbit|USER1', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
      await configureFitbit(harness, { api: 'google-health', clientId: 'x.apps.googleusercontent.com', clientSecret: 'GOCSPX-x' });
    });

    it('offers the box beside the warning of the API not in use', async () => {
      const { text } = await agent.get(page).expect(200);
      expect(text).toContain('<input type="checkbox" name="confirm_api"> Switch to the Legacy Fitbit Web API all the same');
    });

    it('refuses Save and Try unticked, saving nothing', async () => {
      for (const then of ['save', 'try']) {
        const refused = await submitForm(agent, page, page, { ...legacy, then });
        expect(refused.status).toBe(400);
        expect(refused.text).toContain('<p class="field-error" id="confirm_api-error">Tick the box to switch to the Legacy Fitbit Web API all the same');
        expect(refused.text).toContain('name="confirm_api" aria-invalid="true" aria-describedby="confirm_api-error"');
        expect(await storedApi()).toBe('google-health');
      }
    });

    it('switches once ticked', async () => {
      await submitForm(agent, page, page, { ...legacy, confirm_api: 'on' }).then((r) => expect(r.status).toBe(303));
      expect(await storedApi()).toBe('fitbit-legacy');
    });

    it('asks nothing to save again on the warned API, nor to move onto an API without a warning', async () => {
      await submitForm(agent, page, page, legacy).then((r) => expect(r.status).toBe(303));
      const { text } = await agent.get(page).expect(200);
      expect(text).not.toContain('name="confirm_api"');
      const back = { api: 'google-health', client_id: 'x.apps.googleusercontent.com', client_secret: 'GOCSPX-x', scope: ['profile'] };
      await submitForm(agent, page, page, back).then((r) => expect(r.status).toBe(303));
      expect(await storedApi()).toBe('google-health');
    });
  });
});
