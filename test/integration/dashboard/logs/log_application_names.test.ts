import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';

/**
 * The Logs page's Application column names the application of an API call's event (a Management API
 * write, a failed token exchange), which records only the client id, as it names a login's: read
 * once per distinct client id on the page, and said to be gone when no application has that id.
 */
describe('the application of an API call in the logs', () => {
  let harness: DashboardHarness;
  let agent: Agent;
  let reporterId: string;
  const GONE_ID = 'Xq3deletedClient0000000000000000';

  beforeAll(async () => {
    harness = await startDashboardHarness();
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    reporterId = (await createClient(harness.store.clients, { tenant: 'default', name: 'Nightly Reporter', appType: 'non_interactive' })).client.clientId;
    const event = (type: string, clientId: string, description: string) => recordLogEvent(harness.store, { tenant: 'default', type, clientId, description });
    await event('sapi', reporterId, 'Update a client');
    await event('sapi', reporterId, 'Update a connection');
    await event('feacft', reporterId, 'Wrong client secret');
    await event('sapi', GONE_ID, 'Delete a user');
    await event('feacft', GONE_ID, 'Unknown client');
    // A login's event carries the name the application had then: shown as recorded.
    await recordLogEvent(harness.store, { tenant: 'default', type: 's', clientId: 'Yq3someOtherClient00000000000000', clientName: 'Old Step Counter', description: 'alice logged in' });
  });
  afterAll(() => harness.close());

  /** The Application cell of the row whose Description is `description`. */
  function applicationCell(html: string, description: string): string {
    const row = html.split('<tr>').find((candidate) => candidate.includes(`>${description}</td>`));
    if (!row) throw new Error(`no row for ${description}`);
    return /<td data-label="Application" class="free">(.*?)<\/td>/s.exec(row)?.[1] ?? '';
  }

  it('shows the name of the application that made the call, not its client id', async () => {
    const { text } = await agent.get('/manage/t/default/logs').expect(200);
    for (const description of ['Update a client', 'Update a connection', 'Wrong client secret']) {
      expect(applicationCell(text, description)).toBe('Nightly Reporter');
    }
    expect(text).not.toContain(reporterId);
  });

  it('shows the id of an application that no longer exists, saying so', async () => {
    const { text } = await agent.get('/manage/t/default/logs').expect(200);
    expect(applicationCell(text, 'Delete a user')).toBe(`unknown or deleted application (<code>${GONE_ID}</code>)`);
    expect(applicationCell(text, 'Unknown client')).toBe(`unknown or deleted application (<code>${GONE_ID}</code>)`);
  });

  it('keeps the name a login recorded, without looking it up', async () => {
    const { text } = await agent.get('/manage/t/default/logs').expect(200);
    expect(applicationCell(text, 'alice logged in')).toBe('Old Step Counter');
  });

  it('reads each client once per page, however many of its rows the page shows', async () => {
    const get = jest.spyOn(harness.store.clients, 'get');
    try {
      await agent.get('/manage/t/default/logs').expect(200);
      const looked = get.mock.calls.map(([, clientId]) => clientId);
      expect(looked.sort()).toEqual([GONE_ID, reporterId].sort());
    } finally {
      get.mockRestore();
    }
  });
});
