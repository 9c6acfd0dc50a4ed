import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { createClient } from '../../../src/domain/clients.js';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';

// The whole loop through the real login: a user logs in, revokes the app at Fitbit, the vault marks
// the identity needs_reauthorization, and a new login with prompt=consent connects it again.

const emulator = useEmulator('alice');
const USER_ID = 'fitbit|GGNJL9';

let testStore: TestStore;
let fitgate: FrontChannel;
let tokenReader: string;

async function login(prompt?: string): Promise<void> {
  const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', ...(prompt ? { prompt } : {}) }), CLIENT_CALLBACK);
  expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
}

function readUser() {
  return request(fitgate.url)
    .get(`/api/v2/users/${encodeURIComponent(USER_ID)}`)
    .set('Host', new URL(fitgate.tenantUrl).host)
    .set('Authorization', `Bearer ${tokenReader}`);
}

async function expireStoredAccessToken(): Promise<void> {
  const user = (await fitgate.store.users.get(fitgate.tenant, USER_ID))!;
  const identity = user.identities[0]!;
  await fitgate.store.users.update({ ...user, identities: [{ ...identity, tokens: { ...identity.tokens!, expiresAt: Date.now() + 30_000 } }] });
}

beforeAll(async () => {
  testStore = await openSqliteTestStore();
  fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'emulator', emulator: emulator() }, api: 'fitbit-legacy' });
  const { client, clientSecret } = await createClient(fitgate.store.clients, {
    tenant: fitgate.tenant,
    name: 'Sync job',
    appType: 'non_interactive',
    managementScopes: ['read:user_idp_tokens'],
  });
  const issued = await request(fitgate.url)
    .post('/oauth/token')
    .set('Host', new URL(fitgate.tenantUrl).host)
    .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience: managementApiAudience(fitgate.tenantUrl) });
  tokenReader = issued.body.access_token as string;
});

afterAll(async () => {
  await fitgate?.close();
  await testStore?.cleanup();
});

describe('an identity disconnected upstream', () => {
  it('is connected again by a new login with prompt=consent, and its new token is handed out', async () => {
    await login();
    expect((await readUser()).status).toBe(200);

    emulator().control.revokeUserGrants('alice');
    await expireStoredAccessToken();
    const refused = await readUser();
    expect(refused.status).toBe(200);
    expect(refused.body.identities[0]).toMatchObject({ status: 'needs_reauthorization', access_token_error: { errorCode: 'needs_reauthorization' } });
    expect(refused.body.identities[0]).not.toHaveProperty('access_token');

    await login('consent');
    const reconnected = await readUser();
    expect(reconnected.status).toBe(200);
    const identity = reconnected.body.identities[0] as { status: string; access_token: string };
    expect(identity.status).toBe('connected');
    expect((await getJson(emulatorEndpoints(emulator().url).legacy.profile, identity.access_token)).status).toBe(200);
  });
});
