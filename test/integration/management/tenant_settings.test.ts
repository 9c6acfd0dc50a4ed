import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { OTHER_TENANT, startManagementHarness, type ManagementHarness } from './harness.js';

// GET and PATCH /api/v2/tenants/settings: Auth0's tenant settings with the ones fitgate keeps: the
// end users' session lifetimes in hours, for the tenant whose host the call comes to, here; the
// tenant-level allowed_logout_urls in tenant_logout_urls.test.ts.

function suite(kind: StoreKind): void {
  let harness: ManagementHarness;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    harness = await startManagementHarness(`management-tenant-settings-${kind}`, { store: kind });
    reader = await harness.tokenWith(['read:tenant_settings']);
    writer = await harness.tokenWith(['read:tenant_settings', 'update:tenant_settings', 'read:logs']);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const patch = (body: object) => harness.call('patch', '/tenants/settings', writer, body);
  const stored = async () => harness.store.tenants.getStored(harness.tenant.name);

  it("answers Auth0's defaults for a tenant that never set them, and only the fields asked for", async () => {
    expect((await harness.call('get', '/tenants/settings', reader).expect(200)).body).toEqual({ idle_session_lifetime: 72, session_lifetime: 168, allowed_logout_urls: [] });
    const selected = await harness.call('get', '/tenants/settings?fields=session_lifetime', reader).expect(200);
    expect(selected.body).toEqual({ session_lifetime: 168 });
  });

  it('sets either lifetime or both, fractions of an hour included, and answers the settings as stored', async () => {
    expect((await patch({ idle_session_lifetime: 0.5 }).expect(200)).body).toEqual({ idle_session_lifetime: 0.5, session_lifetime: 168, allowed_logout_urls: [] });
    expect((await patch({ session_lifetime: 24, idle_session_lifetime: 2 }).expect(200)).body).toEqual({ idle_session_lifetime: 2, session_lifetime: 24, allowed_logout_urls: [] });
    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 2, sessionLifetimeHours: 24 });
    expect((await harness.call('get', '/tenants/settings', reader).expect(200)).body).toEqual({ idle_session_lifetime: 2, session_lifetime: 24, allowed_logout_urls: [] });
  });

  it('changes only its own tenant', async () => {
    await patch({ session_lifetime: 48 }).expect(200);
    const other = await harness.store.tenants.getStored(OTHER_TENANT);
    expect(other?.sessionLifetimeHours).toBeUndefined();
  });

  it('leaves an audit event, as every write does', async () => {
    await patch({ idle_session_lifetime: 3 }).expect(200);
    const logs = await harness.call('get', '/logs?type=sapi&per_page=1', writer).expect(200);
    expect(logs.body[0]).toMatchObject({ description: 'Update tenant settings', details: { request: { method: 'PATCH', path: '/api/v2/tenants/settings' } } });
  });

  it("refuses unknown fields, values that are not numbers and lifetimes out of range, in Auth0's words, and stores nothing", async () => {
    const before = await stored();
    const cases: Array<[object, string]> = [
      [{ session_lifetime_in_minutes: 60 }, "Payload validation error: 'Additional properties not allowed: session_lifetime_in_minutes'."],
      [{ idle_session_lifetime: '72' }, "Payload validation error: 'Expected type number but found type string' on property idle_session_lifetime."],
      [{ session_lifetime: null }, "Payload validation error: 'Expected type number but found type null' on property session_lifetime."],
      [{ idle_session_lifetime: 0.01 }, "Payload validation error: 'Must be a number of hours from 1/60 (one minute) to 8760 (365 days)' on property idle_session_lifetime."],
      [{ session_lifetime: 8761 }, "Payload validation error: 'Must be a number of hours from 1/60 (one minute) to 8760 (365 days)' on property session_lifetime."],
    ];
    for (const [body, message] of cases) {
      const refused = await patch(body).expect(400);
      expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message, errorCode: 'invalid_body' });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses an idle lifetime above the absolute one, whichever of the two the body changes', async () => {
    await patch({ session_lifetime: 10, idle_session_lifetime: 5 }).expect(200);
    const idle = await patch({ idle_session_lifetime: 11 }).expect(400);
    expect(idle.body.message).toBe("Payload validation error: 'Must not exceed session_lifetime (10)' on property idle_session_lifetime.");
    const absolute = await patch({ session_lifetime: 4 }).expect(400);
    expect(absolute.body.message).toBe("Payload validation error: 'Must not be less than idle_session_lifetime (5)' on property session_lifetime.");
    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 5, sessionLifetimeHours: 10 });
  });

  it('answers 403 insufficient_scope to a reader that writes and a token without either scope', async () => {
    const readerWrites = await harness.call('patch', '/tenants/settings', reader, { session_lifetime: 100 }).expect(403);
    expect(readerWrites.body).toMatchObject({ errorCode: 'insufficient_scope', message: 'Insufficient scope, expected any of: update:tenant_settings' });
    const stranger = await harness.tokenWith(['read:clients']);
    const read = await harness.call('get', '/tenants/settings', stranger).expect(403);
    expect(read.body).toMatchObject({ errorCode: 'insufficient_scope', message: 'Insufficient scope, expected any of: read:tenant_settings' });
  });
}

describe('/api/v2/tenants/settings on the embedded store', () => suite('sqlite'));
describeWithRedis('/api/v2/tenants/settings on Redis', () => suite('redis'));
