import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { OTHER_TENANT, startManagementHarness, type ManagementHarness } from './harness.js';

// `allowed_logout_urls` of /api/v2/tenants/settings: Auth0's tenant-level Allowed Logout URLs, where
// a logout naming no application may return to (its use: authn/login/logout_tenant_urls.test.ts).
// Written under an application's URL rule, in the words a client's list gets.

function suite(kind: StoreKind): void {
  let harness: ManagementHarness;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    harness = await startManagementHarness(`management-tenant-logout-urls-${kind}`, { store: kind });
    reader = await harness.tokenWith(['read:tenant_settings']);
    writer = await harness.tokenWith(['read:tenant_settings', 'update:tenant_settings']);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const patch = (body: object) => harness.call('patch', '/tenants/settings', writer, body);
  const read = async () => (await harness.call('get', '/tenants/settings', reader).expect(200)).body as Record<string, unknown>;
  const stored = async () => harness.store.tenants.getStored(harness.tenant.name);

  it('answers none for a tenant that never set them, and stores a list without repeats, replacing the one before', async () => {
    expect((await read()).allowed_logout_urls).toEqual([]);
    const first = await patch({ allowed_logout_urls: ['https://portal.example/bye', 'http://localhost:3000/', 'https://portal.example/bye'] }).expect(200);
    expect(first.body).toMatchObject({ allowed_logout_urls: ['https://portal.example/bye', 'http://localhost:3000/'], session_lifetime: 168 });
    expect((await stored())?.allowedLogoutUrls).toEqual(['https://portal.example/bye', 'http://localhost:3000/']);
    await patch({ allowed_logout_urls: ['https://www.portal.example/'] }).expect(200);
    expect((await read()).allowed_logout_urls).toEqual(['https://www.portal.example/']);
    const selected = await harness.call('get', '/tenants/settings?fields=allowed_logout_urls', reader).expect(200);
    expect(selected.body).toEqual({ allowed_logout_urls: ['https://www.portal.example/'] });
  });

  it('keeps the list when a PATCH leaves it out, and empties it when sent []', async () => {
    await patch({ allowed_logout_urls: ['https://portal.example/kept'] }).expect(200);
    await patch({ idle_session_lifetime: 4 }).expect(200);
    expect((await read()).allowed_logout_urls).toEqual(['https://portal.example/kept']);
    await patch({ allowed_logout_urls: [] }).expect(200);
    expect((await read()).allowed_logout_urls).toEqual([]);
  });

  it("refuses a URL an application's Allowed Logout URLs refuse, naming its index, and stores nothing", async () => {
    await patch({ allowed_logout_urls: ['https://portal.example/before'] }).expect(200);
    const before = await stored();
    const cases: Array<[unknown, string]> = [
      [['https://ok.example/', 'https://*.portal.example/'], "'https://*.portal.example/ must not contain wildcards (*): list each URL exactly' on property allowed_logout_urls.1."],
      [['http://portal.example/bye'], "'http://portal.example/bye must use https (plain http is allowed only for loopback hosts: localhost, 127.0.0.0/8, [::1])' on property allowed_logout_urls.0."],
      [['com.example.app:/bye'], "'com.example.app:/bye uses a custom scheme, which only native applications may use (RFC 8252)' on property allowed_logout_urls.0."],
      [['HTTPS://PORTAL.EXAMPLE/bye'], "'HTTPS://PORTAL.EXAMPLE/bye has upper-case letters in its scheme or host; SDKs send it in lower case: use https://portal.example/bye' on property allowed_logout_urls.0."],
      [Array.from({ length: 101 }, (_, index) => `https://portal.example/${index}`), "'Must list at most 100 URLs' on property allowed_logout_urls."],
      ['https://portal.example/bye', "'Expected type array but found type string' on property allowed_logout_urls."],
    ];
    for (const [urls, message] of cases) {
      const refused = await patch({ allowed_logout_urls: urls }).expect(400);
      expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: `Payload validation error: ${message}`, errorCode: 'invalid_body' });
    }
    expect(await stored()).toEqual(before);
  });

  it('stores no URL of a PATCH whose lifetimes are refused', async () => {
    await patch({ allowed_logout_urls: ['https://portal.example/before'], session_lifetime: 10, idle_session_lifetime: 5 }).expect(200);
    await patch({ allowed_logout_urls: ['https://portal.example/after'], idle_session_lifetime: 11 }).expect(400);
    expect((await stored())?.allowedLogoutUrls).toEqual(['https://portal.example/before']);
  });

  it('changes only its own tenant', async () => {
    await patch({ allowed_logout_urls: ['https://portal.example/mine'] }).expect(200);
    expect((await harness.store.tenants.getStored(OTHER_TENANT))?.allowedLogoutUrls).toBeUndefined();
  });
}

describe('allowed_logout_urls of /api/v2/tenants/settings on the embedded store', () => suite('sqlite'));
describeWithRedis('allowed_logout_urls of /api/v2/tenants/settings on Redis', () => suite('redis'));
