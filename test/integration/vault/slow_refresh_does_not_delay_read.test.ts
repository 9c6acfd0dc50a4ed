import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { BackgroundWork } from '../../../src/http/background_work.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// A reader holding a stored token with more than 30 s left does not wait out a slow or silent
// upstream (here up to the 6 s timeout): after about 2 s it gets the stored token, while the refresh
// carries on and, if it succeeds, stores the new token for the next reader. It stays one refresh.

const UPSTREAM_TIMEOUT_MS = 6_000;
// The vault's patience (2 s) plus generous room for a busy test machine, well under the timeout.
const ANSWERED_WITHIN_MS = 4_500;
// How long a refresh left running may take to end: its upstream timeout, and as much again for a busy machine.
const REFRESH_ENDS_WITHIN_MS = 2 * UPSTREAM_TIMEOUT_MS;

let tokenReader: string;
// The refreshes readers leave running, as the server tracks them for shutdown.
const background = new BackgroundWork();

const { emulator, harness } = useHarnessWithEmulator('vault-slow-refresh', { upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS, background }, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
});

afterEach(() => {
  emulator.control.clearFailures();
});

async function timedRead(userId: string) {
  const startedAt = Date.now();
  const response = await harness.call('get', `/users/${encodeURIComponent(userId)}`, tokenReader);
  return { response, tookMs: Date.now() - startedAt };
}

/** Until the identity's stored access token changes, or `ms` passes. */
async function storedTokenChange(user: { tenant: string; userId: string }, from: string, ms: number): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (Date.now() < giveUpAt) {
    if ((await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens!.accessToken !== from) return;
    await delay(50);
  }
}

describe('a refresh slower than the vault’s patience', () => {
  it('answers with the stored token when the upstream does not answer, long before the timeout', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const storedAccessToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'timeout' } });

    const { response, tookMs } = await timedRead(user.userId);

    expect(response.status).toBe(200);
    expect(response.body.identities[0]).toMatchObject({ access_token: storedAccessToken });
    expect(tookMs).toBeLessThan(ANSWERED_WITHIN_MS);
    // The refresh left running ends at the timeout; the identity is as it was.
    expect(background.pending).toBe(1);
    await background.settled(REFRESH_ENDS_WITHIN_MS);
    expect(background.pending).toBe(0);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!;
    expect(stored.status).toBe('connected');
    expect(stored.tokens).toEqual(user.identities[0]!.tokens);
  });

  it('stores the slow refresh’s token for the next reader, and readers in between join that one refresh', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 60 });
    const storedAccessToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
    const refreshesBefore = legacyRefreshRequests(emulator);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'latency', ms: 4_000 }, times: 1 });

    const first = await timedRead(user.userId);
    expect(first.response.status).toBe(200);
    expect(first.response.body.identities[0]).toMatchObject({ access_token: storedAccessToken });
    expect(first.tookMs).toBeLessThan(ANSWERED_WITHIN_MS);
    // The refresh is still running: this reader waits for it (no second refresh), then is served too.
    const between = await timedRead(user.userId);
    expect(between.response.status).toBe(200);

    await storedTokenChange(user, user.identities[0]!.tokens!.accessToken, 10_000);
    const after = await timedRead(user.userId);
    expect(after.response.status).toBe(200);
    expect(after.response.body.identities[0].access_token).not.toBe(storedAccessToken);
    expect(after.response.body.identities[0].expires_in).toBeGreaterThan(3600);
    expect(legacyRefreshRequests(emulator) - refreshesBefore).toBe(1);
  });
});
