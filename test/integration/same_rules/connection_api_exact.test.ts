import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A connection's API is one of the plugin's ids, exactly: the settings form's radio buttons send it
 * so, and PATCH /api/v2/connections/{id} refuses " google-health" (the plugin's rule). A form post
 * that sends it with spaces around it (a crafted one: no browser does) is refused too, and nothing
 * is stored either way.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;

describe("a connection's API with spaces around it, in the dashboard and the Management API", () => {
  it('is refused both ways, and the stored API stays', async () => {
    expect((await both.form(settings, settings, { api: 'fitbit-legacy', client_id: '23ABCD', client_secret: '', scope: ['profile'] })).status).toBe(303);
    const { id } = await both.fitbitConnection();

    const refusedInDashboard = await both.form(settings, settings, { api: ' google-health ', client_id: '', client_secret: '', scope: ['profile'] });
    expect(refusedInDashboard.status).toBe(400);
    expect(refusedInDashboard.text).toContain('Choose which API this connection uses.');
    expect((await both.fitbitConnection()).options.api).toBe('fitbit-legacy');

    const refusedByApi = await both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: ' google-health ', scope: ['profile'] } });
    expect(refusedByApi.status).toBe(400);
    expect((refusedByApi.body as { message: string }).message).toContain('on property options.api.');
    expect((await both.fitbitConnection()).options.api).toBe('fitbit-legacy');
  });
});
