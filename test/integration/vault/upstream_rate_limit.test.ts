import { describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// An upstream 429 names when its window resets. The vault remembers that in the shared store and,
// for a stored token too close to expiry to hand out (30 s or less left), answers 429 with
// Retry-After until then, without another upstream call (which would only count against the user's
// quota again). (A stored token with more left is served instead:
// serves_valid_token_while_rate_limited.test.ts.)

// Inside the vault's refresh window, and below the margin a stored token must have left to be served.
const ABOUT_TO_EXPIRE = 20;

const { emulator, harness } = useHarnessWithEmulator('vault-rate-limit', { instances: 2 });

describe('an upstream that rate-limits a refresh', () => {
  it('answers 429 with the upstream’s Retry-After, and makes no upstream call from any instance until the reset', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    // One 429 only: if the vault called again, the next refresh would succeed and answer 200.
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });

    const first = await harness.call('get', path, token, undefined, 0);
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', errorCode: 'too_many_requests' });
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(890);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(900);
    const before = legacyRefreshRequests(emulator);

    for (const instance of [0, 1]) {
      const again = await harness.call('get', path, token, undefined, instance);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(900);
    }
    expect(legacyRefreshRequests(emulator)).toBe(before);
    expect((await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.status).toBe('connected');
  });

  it('refreshes again once the upstream’s window has passed', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    expect((await harness.call('get', path, token)).status).toBe(429);

    let status = 429;
    const giveUpAt = Date.now() + 10_000;
    while (status === 429 && Date.now() < giveUpAt) {
      const response = await harness.call('get', path, token);
      status = response.status;
      if (status === 429) await new Promise((resolve) => setTimeout(resolve, Number(response.headers['retry-after']) * 250));
    }
    expect(status).toBe(200);
  });
});
