import { afterEach, describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import type { Connection, ConnectionOptions, User } from '../../../src/domain/types.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { DEMO } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { parseExposition } from '../metrics/scrape.js';

// A Google refresh refused because of the connection's client, not the user, over real HTTP with
// the emulator: a refresh token issued to another client (unauthorized_client, after an admin
// replaced the connection's Google client) can never work with this one, so the identity needs
// reauthorization; a secret Google refuses (invalid_client) is the administrator's to fix, so
// readers get the identity without a token and an access_token_error (upstream_unavailable) saying
// so, without the vault calling Google on every read.

// Inside the vault's refresh window (a refresh is due), with more than the 30 s a stored token
// needs to be served through a passing failure: these refusals must not be served through.
const REFRESH_DUE = 120;

const ANOTHER_GOOGLE_CLIENT = {
  clientId: '5550001111-replacement.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-replacement-secret-0123456789',
};

const metrics = createPrometheusMetrics();
let tokenReader: string;
let userReader: string;
let original: Connection;

const { emulator, harness } = useHarnessWithEmulator(
  'vault-refused-client',
  {
    api: 'google-health',
    metrics,
    emulatorOptions: { apps: [{ ...ANOTHER_GOOGLE_CLIENT, type: 'server', api: 'google-health', redirectUris: [DEMO.callback] }] },
  },
  async (started) => {
    tokenReader = await started.tokenWith(['read:user_idp_tokens']);
    userReader = await started.tokenWith(['read:users']);
    original = started.connection;
  },
);

afterEach(async () => {
  // Google sends a refresh token at a user's first consent only: forget the grants, so each test's seed gets one.
  for (const login of ['alice', 'bob']) emulator.control.revokeUserGrants(login);
  await updateConnection(harness.store.connections, original.tenant, original.id, (current) => ({
    ...original,
    updatedAt: new Date().toISOString(),
    revision: current.revision,
  }));
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

/** Saves the connection with other upstream credentials, as an administrator does (a new updatedAt). */
async function saveConnectionWith(credentials: { clientId: string; clientSecret: string }): Promise<void> {
  const current = (await harness.store.connections.getByName(harness.tenant.name, 'fitbit'))!;
  const options: ConnectionOptions = { ...current.options, clientId: credentials.clientId, clientSecret: harness.deps[0]!.sealer.seal(credentials.clientSecret) };
  // A distinct updatedAt even within the same millisecond as the previous save.
  const updatedAt = new Date(Math.max(Date.now(), Date.parse(current.updatedAt) + 1)).toISOString();
  await harness.store.connections.update({ ...current, options, updatedAt });
}

const readToken = (user: User) => harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);

/** Refresh calls fitgate sent Google, as its own metrics counted them. */
async function googleRefreshCalls(): Promise<number> {
  return parseExposition(await metrics.registry.metrics())
    .filter((series) => series.name === 'fitgate_upstream_requests_total' && series.labels.operation === 'refresh')
    .reduce((sum, series) => sum + series.value, 0);
}

describe('a refresh refused because of the connection\'s client', () => {
  it('puts the identity in needs_reauthorization (connection_client_changed) when its refresh token was issued to the client the connection had before', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: REFRESH_DUE });
    await saveConnectionWith(ANOTHER_GOOGLE_CLIENT);

    const response = await readToken(user);

    expect(response.status).toBe(200);
    const read = response.body.identities[0];
    expect(read).toMatchObject({ status: 'needs_reauthorization', status_reason: 'connection_client_changed', access_token_error: { errorCode: 'needs_reauthorization' } });
    expect(read.access_token_error.message).toContain("which is not the one they were issued to");
    expect(read).not.toHaveProperty('access_token');
    const identity = (await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, userReader)).body.identities[0];
    expect(identity).toMatchObject({ status: 'needs_reauthorization', status_reason: 'connection_client_changed' });
    expect((await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens).toBeUndefined();
    const logs = await harness.call('get', `/logs?user_id=${encodeURIComponent(user.userId)}&type=fertft&per_page=1`, await harness.tokenWith(['read:logs']));
    expect(logs.body).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'connection_client_changed', upstream_message: expect.stringContaining('unauthorized_client') }) })]);
  });

  it('answers the user with an access_token_error naming the administrator\'s fix when Google refuses the secret, keeps the identity and its tokens, and serves no stored token', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: REFRESH_DUE });
    await saveConnectionWith({ ...DEMO.googleServer, clientSecret: 'GOCSPX-rotated-away-000000000000' });

    const response = await readToken(user);

    expect(response.status).toBe(200);
    const read = response.body.identities[0];
    expect(read).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'upstream_unavailable' } });
    expect(read.access_token_error.message).toMatch(
      /^The upstream refused the client credentials of the fitbit connection \(invalid_client\).*An administrator must update the connection's Client ID and Client Secret/,
    );
    expect(read).not.toHaveProperty('access_token');
    expect(JSON.stringify(response.body)).not.toMatch(/GOCSPX/);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!;
    expect(stored.status).toBe('connected');
    expect(stored.tokens).toEqual(user.identities[0]!.tokens);
  });

  it('sends Google no more refreshes for that connection meanwhile, and refreshes again as soon as the administrator saves the right secret', async () => {
    const alice = await harness.seedUser('alice', { expiresInSeconds: REFRESH_DUE });
    const bob = await harness.seedUser('bob', { expiresInSeconds: REFRESH_DUE });
    await saveConnectionWith({ ...DEMO.googleServer, clientSecret: 'GOCSPX-rotated-away-000000000000' });
    const before = await googleRefreshCalls();

    for (const user of [alice, bob, alice]) {
      expect((await readToken(user)).body.identities[0].access_token_error).toMatchObject({ errorCode: 'upstream_unavailable' });
    }
    expect(await googleRefreshCalls()).toBe(before + 1);

    await saveConnectionWith(DEMO.googleServer);
    const fixed = await readToken(bob);
    expect(fixed.status).toBe(200);
    expect(fixed.body.identities[0].expires_in).toBeGreaterThan(REFRESH_DUE);
    expect(await googleRefreshCalls()).toBe(before + 2);
  });
});
