import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { HOST, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

const SIGNING_IN = 105;
const MACHINES = 10;
const CALLBACK = 'https://paged.example/callback';

/**
 * A connection's Applications tab pages (50 switches a page), so every application has a switch on
 * some page however many there are: the 101st and after included, which a tab of the first 100 left
 * without one. The applications no user signs in to stay last, across pages. A switch, and the
 * confirmation its turning off asks for, lead back to the page it was on.
 */
describe("a connection's Applications tab, with more applications than one page holds", () => {
  let harness: DashboardHarness;
  let agent: Agent;
  const tab = '/manage/t/default/social/fitbit/applications';
  const signingIn: string[] = [];
  const machines: string[] = [];

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
    // The machines first: the oldest, yet listed last.
    for (let index = 1; index <= MACHINES; index += 1) {
      machines.push((await createClient(harness.store.clients, { tenant: 'default', name: `Machine ${index}`, appType: 'non_interactive' })).client.clientId);
    }
    for (let index = 1; index <= SIGNING_IN; index += 1) {
      const { client } = await createClient(harness.store.clients, { tenant: 'default', name: `Web app ${index}`, appType: 'regular_web', callbacks: [CALLBACK] });
      signingIn.push(client.clientId);
    }
  });
  afterAll(() => harness.close());

  const switchesOn = (html: string) => [...html.matchAll(/<li id="app-([^"]+)">/g)].map((match) => match[1]!);
  const enabledClients = async () => (await harness.store.connections.getByName('default', 'fitbit'))!.enabledClients;

  it('has a switch for each application on exactly one page, those no user signs in to last', async () => {
    const pages = await Promise.all(['0', '1', '2'].map((page) => agent.get(tab).query({ page }).expect(200)));
    expect(pages.flatMap((page) => switchesOn(page.text))).toEqual([...signingIn, ...machines]);
    expect(pages[0]!.text).toContain('<span>1–50 of 115</span>');
    expect(pages[2]!.text).toContain('<span>101–115 of 115</span>');
    expect(pages[2]!.text).toContain('<h2>Applications no user can sign in to</h2>');
  });

  it('switches the 103rd application on from its page, back to that page, and /authorize honours it', async () => {
    const clientId = signingIn[102]!;
    const page = `${tab}?page=2`;
    const { text } = await agent.get(page).expect(200);
    expect(text).toContain(`action="${tab}/${clientId}?page=2"`);

    const saved = await submitForm(agent, page, `${tab}/${clientId}?page=2`, { enabled: 'on' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${tab}?page=2&changed=${clientId}#app-${clientId}`);
    expect(await enabledClients()).toEqual([clientId]);
    expect((await agent.get(String(saved.headers.location)).expect(200)).text).toContain('Enabled for Web app 103.');

    const authorize = await request(harness.app)
      .get('/authorize')
      .set('Host', HOST)
      .query({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid', state: 's', connection: 'fitbit' })
      .expect(302);
    expect(String(authorize.headers.location)).toContain('/_sandbox/accounts.google.com/o/oauth2/v2/auth');
  });

  it('asks before turning it off once the tenant has users, and comes back to the same page', async () => {
    const clientId = signingIn[102]!;
    const now = new Date().toISOString();
    await harness.store.users.create({ tenant: 'default', userId: 'fitbit|paged-user', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    const turnOff = `${tab}/${clientId}/turn-off?page=2`;
    expect((await agent.get(`${tab}?page=2`).expect(200)).text).toContain(`href="${turnOff}"`);

    const confirm = await agent.get(turnOff).expect(200);
    expect(confirm.text).toContain(`<form method="post" action="${turnOff}">`);
    expect(confirm.text).toContain(`href="${tab}?page=2">Cancel</a>`);
    const done = await submitForm(agent, turnOff, turnOff, { confirm: 'on' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${tab}?page=2&changed=${clientId}#app-${clientId}`);
    expect(await enabledClients()).toEqual([]);
  });

  it('refuses a switch posted with a page out of range, saving nothing', async () => {
    const clientId = signingIn[104]!;
    const refused = await submitForm(agent, tab, `${tab}/${clientId}?page=-1`, { enabled: 'on' });
    expect(refused.status).toBe(400);
    expect(await enabledClients()).toEqual([]);
  });
});
