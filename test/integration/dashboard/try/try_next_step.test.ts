import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, runTry, sandboxApproval } from '../try_helpers.js';

/**
 * "It works!" suggests the step after TRY by what is stored: a connection enabled for no application
 * that signs users in is enabled first; one enabled for an application is signed in to for real.
 */
describe('the next step after a TRY that works', () => {
  let harness: DashboardHarness;
  let agent: Agent;
  const tenant = '/manage/t/default';
  const connectionTab = `${tenant}/social/fitbit/applications`;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
  });
  afterAll(() => harness.close());

  const enableFor = (...clientIds: string[]) =>
    updateConnection(harness.store.connections, 'default', 'con_defaultfitbit0000', (current) => ({ ...current, enabledClients: clientIds }));
  const tryIt = async () => {
    const page = await runTry(agent, (url) => sandboxApproval(agent, url));
    expect(page).toContain('It works');
    return page;
  };
  /** The "Next: …" links of the page, as href and text. */
  const nextLinks = (html: string) => [...html.matchAll(/<a href="([^"]+)">(Next: [^<]*)<\/a>/g)].map((match) => [match[1], match[2]]);

  it('asks to enable the connection for an application when none that signs users in has it', async () => {
    const robot = await createClient(harness.store.clients, { tenant: 'default', name: 'Nightly Robot', appType: 'non_interactive' });
    await enableFor(robot.client.clientId);
    const page = await tryIt();
    expect(nextLinks(page)).toEqual([[connectionTab, 'Next: enable Fitbit for an application →']]);
    expect(page).not.toContain('for real →');
    expect(page).not.toContain('See who signed in');
  });

  it('leads to signing in to the application it is enabled for, and to its users', async () => {
    const shop = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: ['https://steps.example/cb'] });
    await enableFor(shop.client.clientId);
    const page = await tryIt();
    expect(nextLinks(page)).toEqual([[`${tenant}/applications/${shop.client.clientId}`, 'Next: sign in to Step Counter with Fitbit for real →']]);
    expect(page).toContain(`<a href="${tenant}/users">See who signed in: Users</a>`);
    expect(page).not.toContain('Next: enable Fitbit');
  });

  it('leads to the connection\'s applications when it is enabled for several', async () => {
    const { items } = await harness.store.clients.list('default', { page: 0, perPage: 10 });
    const extra = await createClient(harness.store.clients, { tenant: 'default', name: 'Sleep Diary', appType: 'spa', callbacks: ['https://sleep.example/cb'] });
    await enableFor(...items.map((client) => client.clientId), extra.client.clientId);
    const page = await tryIt();
    expect(nextLinks(page)).toEqual([[connectionTab, 'Next: sign in with Fitbit to one of the 2 applications it is enabled for →']]);
  });
});
