import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/**
 * An application's Connections section: each connection of the tenant with a switch for this
 * application, saved by the rule of the connection's Applications tab, and honoured by /authorize.
 * The tenant has no user, so no switch asks first (turning off with users: turn_off_confirmation.test.ts).
 */
describe("an application's Connections section", () => {
  let harness: DashboardHarness;
  let agent: Agent;
  let clientId: string;
  let page: string;
  let connectionId: string;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
    connectionId = (await harness.store.connections.getByName('default', 'fitbit'))!.id;
    const created = await createClient(harness.store.clients, { tenant: 'default', name: 'Web shop', appType: 'regular_web', callbacks: ['https://shop.example/callback'] });
    clientId = created.client.clientId;
    page = `/manage/t/default/applications/${clientId}`;
  });
  afterAll(() => harness.close());

  const enabledClients = async () => (await harness.store.connections.get('default', connectionId))?.enabledClients;
  const authorize = () =>
    request(harness.app)
      .get('/authorize')
      .set('Host', HOST)
      .query({ response_type: 'code', client_id: clientId, redirect_uri: 'https://shop.example/callback', scope: 'openid', state: 's1' });

  it('lists the connection, off, with its switch and a link to its settings', async () => {
    const { text } = await agent.get(page).expect(200);
    expect(text).toContain('<h2 id="connections">Connections</h2>');
    expect(text).toContain(`action="${page}/connections/${connectionId}" class="toggle-form"`);
    expect(text).toContain(`id="connection-switch-${connectionId}" name="enabled" aria-describedby`);
    expect(text).toContain('<a href="/manage/t/default/social/fitbit">fitbit</a>');
  });

  it('says at /authorize where a connection is enabled while none is', async () => {
    const answer = await authorize();
    expect(`${answer.headers.location ?? ''} ${answer.text}`).toMatch(/Connections(%20|\+| )section/);
  });

  it('turns the connection on and off for the application (Post/Redirect/Get), as /authorize sees it', async () => {
    const on = await submitForm(agent, page, `${page}/connections/${connectionId}`, { enabled: 'on' });
    expect(on.status).toBe(303);
    expect(on.headers.location).toBe(`${page}?connection_changed=${connectionId}#connection-${connectionId}`);
    expect(await enabledClients()).toEqual([clientId]);
    const shown = await agent.get(String(on.headers.location).split('#')[0]!).expect(200);
    expect(shown.text).toMatch(/name="enabled" checked aria-describedby="connection-switch-[^"]+-status">/);
    expect(shown.text).toContain('Enabled for Web shop.');
    expect(String((await authorize()).headers.location)).not.toContain('error=');

    const off = await submitForm(agent, page, `${page}/connections/${connectionId}`, {});
    expect(off.status).toBe(303);
    expect(await enabledClients()).toEqual([]);
  });

  it('answers the switch script with JSON', async () => {
    const _csrf = await csrfFrom(agent, page);
    const { body } = await agent.post(`${page}/connections/${connectionId}`).set('Accept', 'application/json').type('form').send({ _csrf, enabled: 'on' }).expect(200);
    expect(body).toEqual({ enabled: true, message: 'Enabled for Web shop.' });
    expect(await enabledClients()).toEqual([clientId]);
  });

  it('refuses a switch posted without the CSRF token', async () => {
    await agent.post(`${page}/connections/${connectionId}`).type('form').send({}).expect(403);
    expect(await enabledClients()).toEqual([clientId]);
  });

  it('answers 404 for a connection of no such id', async () => {
    await submitForm(agent, page, `${page}/connections/con_nosuch`, { enabled: 'on' }).then((r) => expect(r.status).toBe(404));
  });

  it('shows a machine-to-machine application a sentence instead of switches', async () => {
    const robot = await createClient(harness.store.clients, { tenant: 'default', name: 'Robot', appType: 'non_interactive', callbacks: [] });
    const { text } = await agent.get(`/manage/t/default/applications/${robot.client.clientId}`).expect(200);
    expect(text).toContain('No user can sign in to Robot: it is of type Machine to machine, without the Authorization Code grant, so no connection applies to it.');
    expect(text).not.toContain('/connections/');
  });
});
