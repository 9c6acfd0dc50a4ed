import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * An application's type is one of Auth0's four words, exactly: the Management API refuses any other
 * string (no trimming), and so does the dashboard, whose radio buttons send the exact word, so a
 * value with spaces around it comes from a crafted post.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function storedTypes(): Promise<string[]> {
  return (await both.harness().store.clients.list(TENANT, { page: 0, perPage: 100 })).items.map((client) => client.appType);
}

describe('the application type, in the dashboard and the Management API', () => {
  it.each([
    ['a trailing space', 'spa '],
    ['a leading space', ' native'],
    ['a line break', 'regular_web\n'],
    ['another word', 'mainframe'],
  ])('refuses a type with %s both ways, storing nothing', async (_case, appType) => {
    const before = await storedTypes();

    const dashboard = await both.form(`${apps}/new`, apps, { name: 'Typed', app_type: appType });
    expect(dashboard.status).toBe(400);
    expect(dashboard.text).toContain('id="app_type-error"');
    expect(dashboard.text).toContain('the one sent is none of those listed');
    await both.api('post', '/clients', { name: 'Typed', app_type: appType }).expect(400);

    expect(await storedTypes()).toEqual(before);
  });

  it('accepts the exact word both ways', async () => {
    const dashboard = await both.form(`${apps}/new`, apps, { name: 'Exact', app_type: 'spa' });
    expect(dashboard.status).toBe(303);
    await both.api('post', '/clients', { name: 'Exact', app_type: 'spa' }).expect(201);
  });
});
