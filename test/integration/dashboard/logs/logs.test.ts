import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';

/** The Logs page: the tenant's events, newest first, filtered by type and by user. */
describe('logs in the dashboard', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness();
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    const event = (type: string, userId: string, description: string) =>
      recordLogEvent(harness.store, { tenant: 'default', type, userId, description, connection: 'fitbit' });
    await event('s', 'fitbit|ALICE1', 'alice logged in');
    await event('f', 'fitbit|BOB001', 'bob was refused');
    await event('s', 'fitbit|BOB001', 'bob logged in');
    await recordLogEvent(harness.store, { tenant: 'other', type: 's', userId: 'fitbit|ELSE01', description: 'another tenant' });
  });
  afterAll(() => harness.close());

  it('shows the tenant\'s events and nothing of another tenant', async () => {
    const { text } = await agent.get('/manage/t/default/logs').expect(200);
    expect(text).toContain('alice logged in');
    expect(text).toContain('bob was refused');
    expect(text).not.toContain('another tenant');
  });

  it('filters by type', async () => {
    const { text } = await agent.get('/manage/t/default/logs?type=f').expect(200);
    expect(text).toContain('bob was refused');
    expect(text).not.toContain('logged in');
  });

  it('refuses an unknown type by name on a readable page, as it refuses a wrong page number, rather than showing every type', async () => {
    for (const query of ['type=zzz', 'page=abc']) {
      const { text } = await agent.get(`/manage/t/default/logs?${query}`).set('Accept', 'text/html').expect(400);
      expect(text).toContain('This address cannot be shown');
      expect(text).toContain('Correct that part of the address, or open the page again from the menu.');
      expect(text).not.toContain('reload the page');
    }
    const { text } = await agent.get('/manage/t/default/logs?type=zzz').expect(400);
    expect(text).toContain('The query parameter type must be one of the log event types the Type list offers (s, f, ');
    // Left empty, as the form's "All types" sends it: every type.
    expect((await agent.get('/manage/t/default/logs?type=').expect(200)).text).toContain('alice logged in');
  });

  it('filters by user', async () => {
    const { text } = await agent.get(`/manage/t/default/logs?user=${encodeURIComponent('fitbit|BOB001')}`).expect(200);
    expect(text).toContain('bob was refused');
    expect(text).toContain('bob logged in');
    expect(text).not.toContain('alice logged in');
  });

  it('offers to clear the filters when nothing matches them', async () => {
    const { text } = await agent.get(`/manage/t/default/logs?user=${encodeURIComponent('fitbit|NOBODY')}`).expect(200);
    expect(text).toContain('No log events match these filters. <a href="/manage/t/default/logs">Clear filters</a>');
  });
});
