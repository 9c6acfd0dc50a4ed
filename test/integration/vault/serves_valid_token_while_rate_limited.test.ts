import { describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// An upstream 429 on a refresh is remembered until the upstream's reset, from every instance. While
// the stored token has more than 30 s left, readers get it without any upstream call; once it falls
// to 30 s or less inside the window, the identity carries too_many_requests with the seconds left
// instead of the token.

const { emulator, harness } = useHarnessWithEmulator('vault-served-while-rate-limited', { instances: 2 });

describe('a rate-limited refresh of a stored token still good for a while', () => {
  it('serves the stored token from every instance without calling the upstream, and says too_many_requests once it gets too close to expiry', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    const storedAccessToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
    // One 429 only: if the vault called again, the next refresh would succeed with a new token.
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });

    const first = await harness.call('get', path, token, undefined, 0);
    expect(first.status).toBe(200);
    expect(first.body.identities[0]).toMatchObject({ access_token: storedAccessToken });
    expect(first.body.identities[0].expires_in).toBeLessThanOrEqual(60);
    const before = legacyRefreshRequests(emulator);

    for (const instance of [0, 1]) {
      const again = await harness.call('get', path, token, undefined, instance);
      expect(again.status).toBe(200);
      expect(again.body.identities[0]).toMatchObject({ access_token: storedAccessToken });
    }
    expect(legacyRefreshRequests(emulator)).toBe(before);

    // The same tokens, now with 20 s left: the window still holds, and the token is no longer served.
    const current = (await harness.store.users.get(user.tenant, user.userId))!;
    const identity = current.identities[0]!;
    await harness.store.users.update({ ...current, identities: [{ ...identity, tokens: { ...identity.tokens!, expiresAt: Date.now() + 20_000 } }] });
    const late = await harness.call('get', path, token, undefined, 1);
    expect(late.status).toBe(200);
    expect(late.body.identities[0]).not.toHaveProperty('access_token');
    expect(late.body.identities[0].access_token_error).toMatchObject({ errorCode: 'too_many_requests' });
    expect(late.body.identities[0].access_token_error.retry_after).toBeGreaterThan(890);
    expect(legacyRefreshRequests(emulator)).toBe(before);
    expect((await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.status).toBe('connected');
  });
});
