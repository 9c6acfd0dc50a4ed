import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/** The connection's Applications tab: one toggle per application, honoured by /authorize at once. */
describe('enabling the Fitbit connection per application', () => {
  let harness: DashboardHarness;
  let agent: Agent;
  let clientId: string;
  const tab = '/manage/t/default/social/fitbit/applications';

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
    const created = await createClient(harness.store.clients, {
      tenant: 'default',
      name: 'Web shop',
      appType: 'regular_web',
      callbacks: ['https://shop.example/callback'],
    });
    clientId = created.client.clientId;
  });
  afterAll(() => harness.close());

  const authorize = () =>
    request(harness.app)
      .get('/authorize')
      .set('Host', HOST)
      .query({ response_type: 'code', client_id: clientId, redirect_uri: 'https://shop.example/callback', scope: 'openid', state: 's1', connection: 'fitbit' })
      .expect(302);

  it('shows one labelled toggle per application, each in its own form', async () => {
    const { text } = await agent.get(tab).expect(200);
    expect(text).toContain(`action="${tab}/${clientId}"`);
    expect(text).toContain(`<input type="checkbox" role="switch" class="switch" id="enable-${clientId}" name="enabled" aria-describedby="enable-${clientId}-status">`);
    expect(text).toContain(`<label for="enable-${clientId}" class="switch-label">Web shop</label>`);
    // Without JavaScript each form's button saves it, named by its application.
    expect(text).toContain('<button type="submit" class="secondary save-toggle" aria-label="Save Web shop">Save</button>');
  });

  it('lets /authorize use the connection as soon as it is turned on, and refuses it as soon as it is turned off', async () => {
    const before = await authorize();
    expect(String(before.headers.location)).toContain('error=invalid_request');

    await submitForm(agent, tab, `${tab}/${clientId}`, { enabled: 'on' }).then((r) => expect(r.status).toBe(303));
    expect((await harness.store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([clientId]);
    const enabled = await authorize();
    expect(String(enabled.headers.location)).toContain('/_sandbox/accounts.google.com/o/oauth2/v2/auth');

    await submitForm(agent, tab, `${tab}/${clientId}`, {}).then((r) => expect(r.status).toBe(303));
    expect((await harness.store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([]);
    expect(String((await authorize()).headers.location)).toContain('error=invalid_request');
  });

  it('shows the toggle as on after enabling', async () => {
    await submitForm(agent, tab, `${tab}/${clientId}`, { enabled: 'on' });
    const { text } = await agent.get(tab).expect(200);
    expect(text).toMatch(/name="enabled" checked aria-describedby="enable-[^"]+-status">/);
  });

  it('answers the switch script with the saved state and a sentence to read out, without a redirect', async () => {
    const _csrf = await csrfFrom(agent, tab);
    const { body } = await agent
      .post(`${tab}/${clientId}`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf })
      .expect(200)
      .expect('Content-Type', /json/);
    expect(body).toEqual({ enabled: false, message: 'Disabled for Web shop.' });
    expect((await harness.store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([]);
  });

  it('forgets a deleted application in the connection', async () => {
    const page = `/manage/t/default/applications/${clientId}`;
    await submitForm(agent, `${page}/delete`, `${page}/delete`, {}).then((r) => expect(r.status).toBe(303));
    expect((await harness.store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([]);
  });

  it('lists the applications no user can sign in to (a machine-to-machine one) last, apart, saying why', async () => {
    const robot = await createClient(harness.store.clients, { tenant: 'default', name: 'Aaa robot', appType: 'non_interactive', callbacks: [] });
    try {
      const { text } = await agent.get(tab).expect(200);
      const heading = text.indexOf('<h2>Applications no user can sign in to</h2>');
      expect(heading).toBeGreaterThan(text.indexOf('>Web shop</label>'));
      expect(text.indexOf('>Aaa robot</label>')).toBeGreaterThan(heading);
      expect(text).toContain(
        'These are not allowed the Authorization Code grant, which every login needs, so /authorize refuses them and turning Fitbit on for them changes nothing.',
      );
      expect(text).toContain(`<p class="hint" id="enable-${robot.client.clientId}-note">No user can sign in: it is of type Machine to machine, without the Authorization Code grant.</p>`);
      expect(text).toContain(`aria-describedby="enable-${robot.client.clientId}-status enable-${robot.client.clientId}-note"`);
    } finally {
      await harness.store.clients.delete('default', robot.client.clientId);
    }
  });
});
