import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-client-metadata', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

async function clientWith(metadata: Record<string, string>): Promise<string> {
  const created = await harness.call('post', '/clients', admin, { name: 'Metadata', client_metadata: metadata }).expect(201);
  return String(created.body.client_id);
}

const path = (clientId: string) => `/clients/${encodeURIComponent(clientId)}`;
const stored = async (clientId: string) => (await harness.store.clients.get(harness.tenant.name, clientId))?.clientMetadata;
const tenKeys = () => Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`k${index}`, String(index)]));

// Auth0: "Client metadata keys can be removed by issuing a PATCH ... supplying null for the key value.
// This behavior matches that of the user_metadata and app_metadata properties."
describe('client_metadata on PATCH /api/v2/clients/{id}', () => {
  it('merges the keys sent into the stored ones, and a null value removes its key', async () => {
    const clientId = await clientWith({ a: '1', b: '2' });

    const added = await harness.call('patch', path(clientId), admin, { client_metadata: { c: '3' } }).expect(200);
    expect(added.body.client_metadata).toEqual({ a: '1', b: '2', c: '3' });

    const removed = await harness.call('patch', path(clientId), admin, { client_metadata: { a: null, b: '20' } }).expect(200);
    expect(removed.body.client_metadata).toEqual({ b: '20', c: '3' });
    expect(await stored(clientId)).toEqual({ b: '20', c: '3' });
    expect((await harness.call('get', path(clientId), admin).expect(200)).body.client_metadata).toEqual({ b: '20', c: '3' });
  });

  it('leaves client_metadata alone when a PATCH does not send it, and removes it all with an empty object', async () => {
    const clientId = await clientWith({ a: '1' });
    await harness.call('patch', path(clientId), admin, { description: 'No metadata here' }).expect(200);
    expect(await stored(clientId)).toEqual({ a: '1' });

    const emptied = await harness.call('patch', path(clientId), admin, { client_metadata: {} }).expect(200);
    expect(emptied.body.client_metadata).toEqual({});
    expect(await stored(clientId)).toBeUndefined();
  });

  it('counts the 10-property limit on the merged metadata: refused past it, and room made by removing keys', async () => {
    const clientId = await clientWith(tenKeys());

    const refused = await harness.call('patch', path(clientId), admin, { client_metadata: { k10: 'ten' } }).expect(400);
    expect(refused.body).toMatchObject({
      errorCode: 'invalid_body',
      message: "Payload validation error: 'Must have at most 10 properties (11 once merged with the stored ones)' on property client_metadata.",
    });
    expect(await stored(clientId)).toEqual(tenKeys());

    const swapped = await harness.call('patch', path(clientId), admin, { client_metadata: { k0: null, k10: 'ten' } }).expect(200);
    expect(Object.keys(swapped.body.client_metadata as object)).toHaveLength(10);
    expect(swapped.body.client_metadata).toMatchObject({ k10: 'ten' });
    expect(swapped.body.client_metadata).not.toHaveProperty('k0');

    const created = await harness.call('post', '/clients', admin, { name: 'Too many', client_metadata: { ...tenKeys(), k10: 'ten' } });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/Must have at most 10 properties.* on property client_metadata\./);
  });

  it.each([
    ['a value that is not a string', { n: 1 }, /Values must be strings' on property client_metadata\.n\./],
    ['a value of 256 characters', { long: 'v'.repeat(256) }, /Values must be at most 255 characters' on property client_metadata\.long\./],
    ['a key of 256 characters', { ['k'.repeat(256)]: 'v' }, /Keys must be at most 255 characters/],
    ['a key with a dot', { 'dotted.key': 'v' }, /Keys may use letters, digits, spaces, tabs and/],
    ['a key with a $', { $where: 'v' }, /Keys may use letters, digits, spaces, tabs and/],
  ])('keeps Auth0’s limits on each key and value: refuses %s', async (_case, metadata, message) => {
    const clientId = await clientWith({ a: '1' });
    const refused = await harness.call('patch', path(clientId), admin, { client_metadata: metadata }).expect(400);
    expect(refused.body.message).toMatch(message);
    expect(await stored(clientId)).toEqual({ a: '1' });
  });

  it('takes the key characters Auth0 documents (letters, digits, spaces and :,-+=_*?"/\\()<>@)', async () => {
    const key = 'Team: web-app (v2) @home = a+b*c? "x"/y\\z_';
    const clientId = await clientWith({ [key]: 'ok' });
    expect(await stored(clientId)).toEqual({ [key]: 'ok' });
  });

  it('takes a null value only on PATCH: on POST there is nothing to remove', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Null on create', client_metadata: { a: null } });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/Values must be strings' on property client_metadata\.a\./);
  });
});
