import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A connection's scope is stored in the order PATCH /api/v2/connections/{id} was sent it. The
 * settings form's permission boxes have no order of their own (a browser sends them in the page's),
 * so saving the form keeps the stored order, and a permission ticked anew comes last: settings saved
 * unchanged in the dashboard read back from GET /api/v2/connections/{id} as the script sent them.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;

const typed = (scope: string[]) => both.form(settings, settings, { api: 'fitbit-legacy', client_id: '23ABCD', client_secret: '', scope, profile_sync: 'on' });
const scopeOf = async () => (await both.fitbitConnection()).options.scope;

describe("the order of a connection's scope, in the dashboard and the Management API", () => {
  it('keeps the order the API stored when the dashboard saves the same permissions, and puts a new one last', async () => {
    expect((await typed(['activity', 'profile'])).status).toBe(303);
    const { id } = await both.fitbitConnection();
    const sent = ['sleep', 'profile', 'activity'];
    await both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: 'fitbit-legacy', client_id: '23ABCD', scope: sent } }).expect(200);

    // The boxes as a browser sends them: in the page's order.
    expect((await typed(['activity', 'profile', 'sleep'])).status).toBe(303);
    expect(await scopeOf()).toEqual(sent);

    expect((await typed(['activity', 'heartrate', 'sleep'])).status).toBe(303);
    expect(await scopeOf()).toEqual(['sleep', 'activity', 'heartrate']);
  });
});
