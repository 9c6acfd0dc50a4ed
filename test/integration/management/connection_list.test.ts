import { describe, expect, it } from '@jest/globals';
import type { Connection } from '../../../src/domain/types.js';
import { useManagementHarness } from './harness.js';

let reader: string;
const harness = useManagementHarness('management-connection-list', async (started) => {
  reader = await started.tokenWith(['read:connections']);
  // Two more connections beside the harness's own: one of another strategy, as a tenant of Auth0's could hold.
  for (const [name, strategy] of [['fitbit-eu', 'fitbit'], ['google', 'google-oauth2']] as const) {
    const now = new Date().toISOString();
    const connection: Connection = { ...started.connection, id: `con_${name}`, name, strategy, enabledClients: [], createdAt: now, updatedAt: now };
    await started.store.connections.create(connection);
  }
});

const idsOf = (body: unknown) => (body as { id: string }[]).map((connection) => connection.id);

describe('GET /api/v2/connections', () => {
  it('pages with take and next (checkpoint paging, as node-auth0 iterates), in id order, without totals', async () => {
    const seen: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      const page = await harness.call('get', `/connections?include_totals=true&take=1${from ? `&from=${from}` : ''}`, reader).expect(200);
      expect(Object.keys(page.body).sort()).toEqual(page.body.next ? ['connections', 'next'] : ['connections']);
      seen.push(...idsOf(page.body.connections));
      from = page.body.next as string | undefined;
      pages += 1;
    } while (from && pages < 10);
    expect(seen).toEqual(['con_fitbit-eu', 'con_google', harness.connection.id].sort());
    expect(pages).toBe(3);
  });

  it('still pages with page and per_page, with totals on request', async () => {
    const page = await harness.call('get', '/connections?page=1&per_page=2&include_totals=true', reader).expect(200);
    expect(page.body).toMatchObject({ start: 2, limit: 2, length: 1, total: 3 });
  });

  it('filters by name, and by one strategy or several (strategy repeated, as node-auth0 sends a list)', async () => {
    expect(idsOf((await harness.call('get', '/connections?name=google', reader)).body)).toEqual(['con_google']);
    expect(idsOf((await harness.call('get', '/connections?strategy=fitbit', reader)).body).sort()).toEqual(['con_fitbit-eu', harness.connection.id].sort());
    const both = await harness.call('get', '/connections?strategy=fitbit&strategy=google-oauth2&take=5', reader).expect(200);
    expect(idsOf(both.body.connections)).toHaveLength(3);
  });

  it('narrows each connection, listed or read alone, with fields and include_fields', async () => {
    const listed = await harness.call('get', '/connections?fields=id,name&name=google', reader).expect(200);
    expect(listed.body).toEqual([{ id: 'con_google', name: 'google' }]);
    const alone = await harness.call('get', `/connections/${harness.connection.id}?fields=options,enabled_clients&include_fields=false`, reader).expect(200);
    expect(alone.body).not.toHaveProperty('options');
    expect(alone.body).toMatchObject({ id: harness.connection.id, strategy: 'fitbit' });
  });

  it('refuses a forged from, page beside take, and a parameter it does not know, naming each', async () => {
    expect((await harness.call('get', '/connections?from=%2A%2A', reader).expect(400)).body.message).toMatch(/on property from\.$/);
    expect((await harness.call('get', '/connections?take=1&per_page=5', reader).expect(400)).body.message).toMatch(/on property per_page\.$/);
    const unknown = await harness.call('get', '/connections?strategy=fitbit&domain=example.com', reader).expect(400);
    expect(unknown.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Query validation error: 'Additional properties not allowed: domain'.",
      errorCode: 'invalid_query_string',
    });
  });
});
