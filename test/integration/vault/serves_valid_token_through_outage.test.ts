import { afterEach, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { basicAuth, DEMO, emulatorEndpoints, getJson, postForm } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// A stored token inside the refresh window but with more than 30 s left still works. When the
// upstream cannot refresh it now (5xx, a reset connection, Fitbit's 409 for a refresh token in use
// elsewhere), the reader gets that token and its real expires_in rather than a 503; the identity
// stays connected with its refresh token, and nothing is logged as a failed exchange.

let tokenReader: string;
let logReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-serves-through-outage', {}, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
  logReader = await started.tokenWith(['read:logs']);
});

afterEach(async () => {
  emulator.control.clearFailures();
  emulator.control.setSettings({ legacyRefreshReplay: 'same-response' });
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

async function expectStoredTokenServed(user: User, secondsLeft: number): Promise<void> {
  const storedAccessToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
  const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);

  expect(response.status).toBe(200);
  const identity = response.body.identities[0] as { status: string; access_token: string; expires_in: number };
  expect(identity).toMatchObject({ status: 'connected', access_token: storedAccessToken });
  expect(identity.expires_in).toBeLessThanOrEqual(secondsLeft);
  expect(identity.expires_in).toBeGreaterThan(30);
  emulator.control.clearFailures();
  expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, identity.access_token)).status).toBe(200);

  const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!;
  expect(stored.status).toBe('connected');
  expect(stored.tokens).toEqual(user.identities[0]!.tokens);
  const logs = await harness.call('get', `/logs?user_id=${encodeURIComponent(user.userId)}&type=fertft`, logReader);
  expect(logs.body).toEqual([]);
}

describe('a refresh that fails for a passing reason, with a stored token still good for a while', () => {
  it.each([500, 503])('serves the stored token when the upstream answers %i', async (status) => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'status', status } });

    await expectStoredTokenServed(user, 60);
  });

  it('serves the stored token when the upstream resets the connection', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 90 });
    // Every time: a reset on a pooled connection is sent once more on a new one.
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'reset' } });

    await expectStoredTokenServed(user, 90);
  });

  it('serves the stored token when Fitbit answers 409: the refresh token is being used elsewhere', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 60 });
    emulator.control.setSettings({ legacyRefreshReplay: 'conflict' });
    // Someone else (another copy of the token) refreshes first; fitgate's refresh then meets the 409.
    const elsewhere = await postForm(
      emulatorEndpoints(emulator.url).legacy.token,
      { grant_type: 'refresh_token', refresh_token: harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.refreshToken!) },
      basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret),
    );
    expect(elsewhere.status).toBe(200);

    await expectStoredTokenServed(user, 60);
    expect(emulator.control.counters()['fitbit-legacy'].refreshConflicts).toBeGreaterThan(0);
  });
});
