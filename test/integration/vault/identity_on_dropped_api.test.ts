import { afterEach, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// A user who has not logged in since the connection moved to Google keeps tokens of the API it left;
// once a plugin upgrade drops that API (as fitbit-legacy will leave the Fitbit plugin's apis), reading
// the user still answers 200, and that identity reads as moved (connection_api_changed: the user logs
// in again), not as a connection an administrator must configure, nor as a failed read.

// Stands for an API the Fitbit plugin no longer declares.
const DROPPED_API = 'fitbit-retired';

let tokenReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-dropped-api', { api: 'google-health' }, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
});

afterEach(async () => {
  emulator.control.revokeUserGrants('carol');
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

/** Carol's identity as the store would hold it had she last logged in through the dropped API. */
async function userOnDroppedApi(): Promise<User> {
  const seeded = await harness.seedUser('carol', { expiresInSeconds: 120 });
  return harness.store.users.update({ ...seeded, identities: [{ ...seeded.identities[0]!, api: DROPPED_API }] });
}

describe('an identity on an API the plugin no longer offers, its connection moved to another', () => {
  it('needs reauthorization (connection_api_changed) in a 200 answer, sending its tokens nowhere', async () => {
    const user = await userOnDroppedApi();
    const refreshesBefore = emulator.control.counters()['google-health'].refreshes;

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);

    expect(response.status).toBe(200);
    const identity = response.body.identities[0];
    expect(identity).toMatchObject({
      api: DROPPED_API,
      status: 'needs_reauthorization',
      status_reason: 'connection_api_changed',
      access_token_error: { errorCode: 'needs_reauthorization' },
    });
    expect(identity).not.toHaveProperty('access_token');
    expect(emulator.control.counters()['google-health'].refreshes).toBe(refreshesBefore);
  });
});
