import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let updater: string;
const USER = 'fitbit|META1';
const path = `/users/${encodeURIComponent(USER)}`;

beforeAll(async () => {
  harness = await startManagementHarness('management-user-metadata');
  updater = await harness.tokenWith(['update:users', 'read:users']);
  const now = new Date().toISOString();
  await harness.store.users.create({ tenant: harness.tenant.name, userId: USER, identities: [], loginsCount: 0, createdAt: now, updatedAt: now });
});

afterAll(async () => {
  await harness.cleanup();
});

describe('PATCH /api/v2/users/{id} with metadata and blocked', () => {
  it('sets app_metadata and user_metadata and shows them on the user', async () => {
    const patched = await harness.call('patch', path, updater, { app_metadata: { plan: 'full' }, user_metadata: { hobby: 'surfing' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ app_metadata: { plan: 'full' }, user_metadata: { hobby: 'surfing' } });
    expect((await harness.call('get', path, updater)).body).toMatchObject({ app_metadata: { plan: 'full' }, user_metadata: { hobby: 'surfing' } });
  });

  it('merges top-level keys, replaces nested objects, and removes a key set to null', async () => {
    await harness.call('patch', path, updater, { user_metadata: { addresses: { home: '123 Main Street' } } });
    await harness.call('patch', path, updater, { user_metadata: { addresses: { work: '100 Industrial Way' }, color: 'red' } });
    const patched = await harness.call('patch', path, updater, { user_metadata: { color: null } });
    expect(patched.body.user_metadata).toEqual({ hobby: 'surfing', addresses: { work: '100 Industrial Way' } });
    expect(patched.body.app_metadata).toEqual({ plan: 'full' });
  });

  it('removes metadata completely when patched with an empty object', async () => {
    const patched = await harness.call('patch', path, updater, { app_metadata: {} });
    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty('app_metadata');
    expect((await harness.store.users.get(harness.tenant.name, USER))?.appMetadata).toBeUndefined();
  });

  it('blocks and unblocks a user', async () => {
    expect((await harness.call('patch', path, updater, { blocked: true })).body).toMatchObject({ blocked: true });
    expect((await harness.store.users.get(harness.tenant.name, USER))?.blocked).toBe(true);
    expect((await harness.call('patch', path, updater, { blocked: false })).body).toMatchObject({ blocked: false });
  });

  it.each([
    [{ app_metadata: 'plan=full' }, 'app_metadata'],
    [{ user_metadata: ['a'] }, 'user_metadata'],
    [{ blocked: 'yes' }, 'blocked'],
  ])('answers 400 naming the property for %j', async (body, property) => {
    const refused = await harness.call('patch', path, updater, body);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(new RegExp(`on property ${property}\\.$`));
  });
});
