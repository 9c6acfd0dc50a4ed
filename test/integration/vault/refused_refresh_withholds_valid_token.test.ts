import { describe, expect, it } from '@jest/globals';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// An upstream invalid_grant is no passing failure: the identity needs reauthorization at once, even
// when its stored access token still has time left. Every read from then on shows the same status
// and no token, so an application learns on the first read that the user must log in again, not
// minutes later.

const { emulator, harness } = useHarnessWithEmulator('vault-refused-refresh-valid-token');

describe('a refresh the upstream refuses while the stored access token is still valid', () => {
  it('marks the identity needs_reauthorization and drops the tokens, rather than serving the access token', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 90 });
    const identity = user.identities[0]!;
    const accessToken = harness.deps[0]!.sealer.open(identity.tokens!.accessToken);
    await harness.store.users.update({
      ...user,
      identities: [{ ...identity, tokens: { ...identity.tokens!, refreshToken: harness.deps[0]!.sealer.seal('refresh-token-the-upstream-never-issued') } }],
    });
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, accessToken)).status).toBe(200);

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, await harness.tokenWith(['read:user_idp_tokens']));

    expect(response.status).toBe(200);
    expect(response.body.identities[0]).toMatchObject({ status: 'needs_reauthorization', status_reason: 'refresh_token_rejected' });
    expect(response.body.identities[0]).not.toHaveProperty('access_token');
    expect(JSON.stringify(response.body)).not.toContain(accessToken);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!;
    expect(stored).toMatchObject({ status: 'needs_reauthorization', statusReason: 'refresh_token_rejected' });
    expect(stored.tokens).toBeUndefined();
  });
});
