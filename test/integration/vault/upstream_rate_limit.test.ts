import { describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// An upstream 429 names when its window resets. The vault remembers that in the shared store and,
// for a stored token too close to expiry to hand out (30 s or less left), answers the user with the
// identity's access_token_error too_many_requests and its retry_after until then, without another
// upstream call (which would only count against the user's quota again). (A stored token with more
// left is served instead: serves_valid_token_while_rate_limited.test.ts.)

interface TokenError {
  errorCode: string;
  retry_after?: number;
}

const tokenErrorOf = (response: { status: number; body: { identities: { access_token_error?: TokenError }[] } }) => {
  expect(response.status).toBe(200);
  return response.body.identities[0]!.access_token_error;
};

// Inside the vault's refresh window, and below the margin a stored token must have left to be served.
const ABOUT_TO_EXPIRE = 20;

const { emulator, harness } = useHarnessWithEmulator('vault-rate-limit', { instances: 2 });

describe('an upstream that rate-limits a refresh', () => {
  it('says too_many_requests with the upstream’s Retry-After on the identity, and makes no upstream call from any instance until the reset', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    // One 429 only: if the vault called again, the next refresh would succeed and answer 200.
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });

    const first = tokenErrorOf(await harness.call('get', path, token, undefined, 0));
    expect(first).toMatchObject({ errorCode: 'too_many_requests' });
    expect(first!.retry_after).toBeGreaterThan(890);
    expect(first!.retry_after).toBeLessThanOrEqual(900);
    const before = legacyRefreshRequests(emulator);

    for (const instance of [0, 1]) {
      const again = tokenErrorOf(await harness.call('get', path, token, undefined, instance));
      expect(again).toMatchObject({ errorCode: 'too_many_requests' });
      expect(again!.retry_after).toBeGreaterThan(0);
      expect(again!.retry_after).toBeLessThanOrEqual(900);
    }
    expect(legacyRefreshRequests(emulator)).toBe(before);
    expect((await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.status).toBe('connected');
  });

  it('refreshes again once the upstream’s window has passed', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    expect(tokenErrorOf(await harness.call('get', path, token))).toMatchObject({ errorCode: 'too_many_requests' });

    let refused: TokenError | undefined = { errorCode: 'too_many_requests' };
    const giveUpAt = Date.now() + 10_000;
    while (refused && Date.now() < giveUpAt) {
      const response = await harness.call('get', path, token);
      refused = tokenErrorOf(response);
      if (refused) await new Promise((resolve) => setTimeout(resolve, (refused?.retry_after ?? 1) * 250));
      else expect(response.body.identities[0].access_token).toEqual(expect.any(String));
    }
    expect(refused).toBeUndefined();
  });
});
