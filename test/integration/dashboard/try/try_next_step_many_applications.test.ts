import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, runTry, sandboxApproval } from '../try_helpers.js';

const MACHINES = 10;
const SIGNING_IN = 105;

/**
 * "It works!" counts every application the connection is enabled for that signs users in, however
 * many (the 101st and after included), and leads to the connection's Applications tab, which lists
 * them all. A count of the first hundred ids only said "one of the 90" here: ten machine-to-machine
 * applications came first, and the rest went unread.
 */
describe('the next step after a TRY, for a connection enabled for more than a hundred applications', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
    const ids: string[] = [];
    for (let index = 1; index <= MACHINES; index += 1) {
      ids.push((await createClient(harness.store.clients, { tenant: 'default', name: `Machine ${index}`, appType: 'non_interactive' })).client.clientId);
    }
    for (let index = 1; index <= SIGNING_IN; index += 1) {
      const { client } = await createClient(harness.store.clients, { tenant: 'default', name: `Web app ${index}`, appType: 'regular_web', callbacks: ['https://many.example/cb'] });
      ids.push(client.clientId);
    }
    await updateConnection(harness.store.connections, 'default', 'con_defaultfitbit0000', (current) => ({ ...current, enabledClients: ids }));
  });
  afterAll(() => harness.close());

  it('says how many applications that sign users in it is enabled for, all of them, and links to the tab listing them', async () => {
    const page = await runTry(agent, (url) => sandboxApproval(agent, url));
    expect(page).toContain('It works');
    expect(page).toContain(
      `<a href="/manage/t/default/social/fitbit/applications">Next: sign in with Fitbit to one of the ${SIGNING_IN} applications it is enabled for →</a>`,
    );
  });
});
