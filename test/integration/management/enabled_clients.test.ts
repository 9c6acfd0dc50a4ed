import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
let creator: string;
const harness = useManagementHarness('management-enabled-clients', async (started) => {
  admin = await started.tokenWith(['read:connections', 'update:connections']);
  creator = await started.tokenWith(['create:clients']);
});

const newClient = async (name: string) => (await harness.call('post', '/clients', creator, { name }).expect(201)).body.client_id as string;
const path = () => `/connections/${harness.connection.id}/clients`;

describe('/api/v2/connections/{id}/clients', () => {
  it('enables and disables clients with [{client_id, status}] and lists them', async () => {
    const [a, b] = [await newClient('A'), await newClient('B')];
    await harness.call('patch', path(), admin, [{ client_id: a, status: true }, { client_id: b, status: true }]).expect(204);
    await harness.call('patch', path(), admin, [{ client_id: a, status: false }]).expect(204);

    const listed = await harness.call('get', path(), admin).expect(200);
    expect(listed.body).toEqual({ clients: [{ client_id: b }] });
    expect((await harness.call('get', `/connections/${harness.connection.id}`, admin)).body.enabled_clients).toEqual([b]);
  });

  it('pages with take and the next checkpoint until no next is returned', async () => {
    const ids = [await newClient('C'), await newClient('D'), await newClient('E')];
    await harness.call('patch', path(), admin, ids.map((clientId) => ({ client_id: clientId, status: true }))).expect(204);
    const all = ((await harness.call('get', path(), admin).expect(200)).body.clients as { client_id: string }[]).map((client) => client.client_id);

    const seen: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      const page = await harness.call('get', `${path()}?take=2${from ? `&from=${from}` : ''}`, admin).expect(200);
      seen.push(...(page.body.clients as { client_id: string }[]).map((client) => client.client_id));
      from = page.body.next as string | undefined;
      pages += 1;
    } while (from && pages < 10);

    expect(seen).toEqual(all);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('refuses to enable an unknown client, a bad take and a forged from', async () => {
    const unknown = await harness.call('patch', path(), admin, [{ client_id: 'no-such-client', status: true }]).expect(400);
    expect(unknown.body.message).toMatch(/no-such-client/);
    await harness.call('get', `${path()}?take=1001`, admin).expect(400);
    const forged = await harness.call('get', `${path()}?from=%2A%2A`, admin).expect(400);
    expect(forged.body).toMatchObject({ errorCode: 'invalid_query_string' });
    await harness.call('get', '/connections/con_nope/clients', admin).expect(404);
  });
});
