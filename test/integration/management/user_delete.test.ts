import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aFitbitUser } from '../../support/authn/records.js';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { OTHER_TENANT, startManagementHarness, type ManagementHarness } from './harness.js';

// Auth0 answers DELETE /api/v2/users/{id} with 204 whether or not the user existed (node-auth0
// issues #451 and #645; its generated spec lists no 404). The lookup stays within the tenant: a
// user of another tenant is absent here, never deleted.

function suite(kind: StoreKind): void {
  let harness: ManagementHarness;
  let deleter: string;
  let logReader: string;

  beforeAll(async () => {
    harness = await startManagementHarness(`management-user-delete-${kind}`, { store: kind });
    deleter = await harness.tokenWith(['delete:users']);
    logReader = await harness.tokenWith(['read:logs']);
  });

  afterAll(async () => {
    await harness?.cleanup();
  });

  const remove = (userId: string) => harness.call('delete', `/users/${encodeURIComponent(userId)}`, deleter);

  async function newestSapi(): Promise<Record<string, unknown>> {
    const logs = await harness.call('get', '/logs?type=sapi&per_page=1', logReader).expect(200);
    return (logs.body as Array<Record<string, unknown>>)[0]!;
  }

  it('answers 204 with no body for a user that does not exist, and reports no revocation', async () => {
    const response = await remove('fitbit|NOBODY');

    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    const event = await newestSapi();
    expect(event).toMatchObject({ description: 'Delete a user', user_id: 'fitbit|NOBODY', details: { response: { statusCode: 204 } } });
    expect(event.details).not.toHaveProperty('upstream_revocation');
  });

  it('deletes a user of the tenant (204), and deleting it again answers 204 as well', async () => {
    const user = aFitbitUser(harness.tenant.name, 'GONE1');
    await harness.store.users.create(user);

    expect((await remove(user.userId)).status).toBe(204);
    expect(await harness.store.users.get(user.tenant, user.userId)).toBeUndefined();
    expect((await newestSapi()).details).toMatchObject({ upstream_revocation: { 'fitbit|GONE1': 'nothing_to_revoke' } });

    expect((await remove(user.userId)).status).toBe(204);
  });

  it("treats another tenant's user as absent: 204, and that user is still there", async () => {
    const theirs = aFitbitUser(OTHER_TENANT, 'THEIRS1');
    await harness.store.users.create(theirs);
    const theirCount = await harness.store.users.count(OTHER_TENANT);

    expect((await remove(theirs.userId)).status).toBe(204);

    expect(await harness.store.users.get(OTHER_TENANT, theirs.userId)).toEqual(expect.objectContaining({ userId: theirs.userId }));
    expect(await harness.store.users.count(OTHER_TENANT)).toBe(theirCount);
    expect((await newestSapi()).details).not.toHaveProperty('upstream_revocation');
  });
}

describe('DELETE /api/v2/users/{id} on the embedded store', () => suite('sqlite'));
describeWithRedis('DELETE /api/v2/users/{id} on Redis', () => suite('redis'));
