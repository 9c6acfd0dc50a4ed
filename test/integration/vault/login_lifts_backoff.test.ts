import { describe, expect, it } from '@jest/globals';
import { recordLogin } from '../../../src/domain/users.js';
import { legacyLogin } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// The vault remembers an upstream 429 for the identity's stored tokens. A login that brings new
// tokens lifts it: the user who logs in again gets a token, not too_many_requests for the rest of
// the window.

const { emulator, harness } = useHarnessWithEmulator('vault-login-lifts-backoff', { instances: 2 });

describe('a login during the upstream’s rate-limit window', () => {
  it('lifts the remembered back-off for the identity, on every instance', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 20 });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });
    for (const instance of [0, 1]) {
      const refused = await harness.call('get', path, token, undefined, instance);
      expect(refused.body.identities[0].access_token_error).toMatchObject({ errorCode: 'too_many_requests' });
    }
    const before = legacyRefreshRequests(emulator);

    // New tokens, themselves close enough to expiry that reading them needs a refresh: the upstream
    // must be called, which the remembered 429 would forbid.
    const relogin = (await legacyLogin(emulator.url, { user: 'alice' })).body as { access_token: string; refresh_token: string };
    await recordLogin(
      { users: harness.store.users, sealer: harness.deps[0]!.sealer },
      {
        tenant: harness.tenant.name,
        connection: harness.connection,
        upstreamUserId: user.identities[0]!.userId,
        profile: {},
        profileData: {},
        tokens: { accessToken: relogin.access_token, refreshToken: relogin.refresh_token, expiresIn: 20, grantedScopes: ['profile'] },
        now: new Date(),
      },
    );

    const response = await harness.call('get', path, token, undefined, 1);
    expect(response.status).toBe(200);
    expect(response.body.identities[0].expires_in).toBeGreaterThan(3600);
    expect(legacyRefreshRequests(emulator) - before).toBe(1);
    expect((await harness.call('get', path, token, undefined, 0)).body.identities[0]).toHaveProperty('access_token');
  });
});
