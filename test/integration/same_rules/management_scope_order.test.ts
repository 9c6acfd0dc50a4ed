import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A grant's scopes are stored in the order the Management API was sent them. The dashboard's
 * permission boxes have no order of their own (a browser sends them in the page's), so saving them
 * there keeps the stored order, and a permission ticked anew comes last: a grant saved unchanged in
 * the dashboard reads back from GET /api/v2/client-grants as the script that made it sent it.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

async function grantedByApi(scope: string[]): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, { tenant: TENANT, name: 'Robot', appType: 'non_interactive' });
  await both.api('post', '/client-grants', { client_id: client.clientId, audience: 'http://localhost:3000/api/v2/', scope }).expect(201);
  return client.clientId;
}

const grantOf = async (clientId: string) => (await both.api('get', `/client-grants?client_id=${encodeURIComponent(clientId)}`).expect(200)).body as { scope: string[] }[];

describe("the order of a grant's scopes, in the dashboard and the Management API", () => {
  it('keeps the order the API stored when the dashboard saves the same permissions, and puts a new one last', async () => {
    const sent = ['update:users', 'read:users', 'read:clients'];
    const clientId = await grantedByApi(sent);
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    // The boxes as a browser sends them: in the page's order.
    expect((await both.form(page, `${page}/management-api`, { intent: 'update', scope: ['read:users', 'update:users', 'read:clients'] })).status).toBe(303);
    expect((await grantOf(clientId))[0]?.scope).toEqual(sent);

    expect((await both.form(page, `${page}/management-api`, { intent: 'update', scope: ['read:users', 'delete:users', 'read:clients'] })).status).toBe(303);
    expect((await grantOf(clientId))[0]?.scope).toEqual(['read:users', 'read:clients', 'delete:users']);

    await both.api('patch', `/client-grants/cgr_${encodeURIComponent(clientId)}`, { scope: sent }).expect(200);
    expect((await grantOf(clientId))[0]?.scope).toEqual(sent);
  });
});
