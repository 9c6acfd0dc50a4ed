import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { createClient } from '../../../src/domain/clients.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../support/authn/front_channel_fixture.js';

// A fresh install logs in through the built-in sandbox (a connection without credentials); the vault
// must refresh such a user's token at the same sandbox, not at the real Google.

const USER_ID = 'fitbit|carol-0b7e61d2';

let testStore: TestStore;
let fitgate: FrontChannel;

beforeAll(async () => {
  testStore = await openSqliteTestStore();
  fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'sandbox' } });
});

afterAll(async () => {
  await fitgate?.close();
  await testStore?.cleanup();
});

describe('the vault on a sandbox connection', () => {
  it('refreshes a sandbox user’s expiring token at the sandbox', async () => {
    fitgate.upstream.setAutoConsent({ user: 'carol', decision: 'approve' });
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    const user = (await fitgate.store.users.get(fitgate.tenant, USER_ID))!;
    const identity = user.identities[0]!;
    await fitgate.store.users.update({ ...user, identities: [{ ...identity, tokens: { ...identity.tokens!, expiresAt: Date.now() + 30_000 } }] });

    const { client, clientSecret } = await createClient(fitgate.store.clients, {
      tenant: fitgate.tenant,
      name: 'Sync job',
      appType: 'non_interactive',
      managementScopes: ['read:user_idp_tokens'],
    });
    const host = new URL(fitgate.tenantUrl).host;
    const issued = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', host)
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience: managementApiAudience(fitgate.tenantUrl) });
    const before = fitgate.upstream.counters()['google-health'].refreshes;

    const response = await request(fitgate.url)
      .get(`/api/v2/users/${encodeURIComponent(USER_ID)}`)
      .set('Host', host)
      .set('Authorization', `Bearer ${issued.body.access_token as string}`);

    expect(response.status).toBe(200);
    expect(fitgate.upstream.counters()['google-health'].refreshes).toBe(before + 1);
    expect(response.body.identities[0].access_token).not.toBe(fitgate.deps.sealer.open(identity.tokens!.accessToken));
    expect(response.body.identities[0].expires_in).toBeGreaterThan(3000);
  });
});
