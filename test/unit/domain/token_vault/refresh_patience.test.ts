import { describe, expect, it } from '@jest/globals';
import type { RefreshedUpstreamTokens } from '../../../../src/domain/upstream_token_client.js';
import { aUser, pluginFailure, REF, refreshed, vaultWith, type RefreshAnswer } from './vault_fixtures.js';

// A reader with a stored token good for more than 30 s waits for a refresh only so long; the refresh
// carries on, its result is stored for the next reader, and a late failure goes nowhere. The
// patience is shortened here; its 2 s default is in DEFAULT_TOKEN_VAULT_TIMING.
const PATIENCE_MS = 40;
const patientVault = (user: ReturnType<typeof aUser>, answers: RefreshAnswer[], background?: (work: Promise<unknown>) => void) =>
  vaultWith(user, answers, { timing: { refreshPatienceMs: PATIENCE_MS }, ...(background && { background }) });

function pending(): { promise: Promise<RefreshedUpstreamTokens>; settle: (answer: RefreshedUpstreamTokens | Error) => void } {
  let settle!: (answer: RefreshedUpstreamTokens | Error) => void;
  const promise = new Promise<RefreshedUpstreamTokens>((resolve, reject) => {
    settle = (answer) => (answer instanceof Error ? reject(answer) : resolve(answer));
  });
  return { promise, settle };
}

describe('a refresh slower than the vault’s patience', () => {
  it('answers with the stored token, then stores the late refresh for the next reader, with one upstream call', async () => {
    const slow = pending();
    const { vault, refreshCalls, servedStored } = patientVault(aUser(60), [slow.promise]);

    const startedAt = Date.now();
    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 60 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(PATIENCE_MS - 5);
    expect(servedStored).toEqual(['refresh_slow']);

    // A reader arriving while it runs joins it rather than refreshing again.
    const joined = vault.accessToken(REF);
    slow.settle(refreshed('late-access'));
    await expect(joined).resolves.toMatchObject({ accessToken: 'late-access' });
    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'late-access', expiresIn: 28800 });
    expect(refreshCalls()).toBe(1);
  });

  it('lets a late failure pass without a trace beyond its log line', async () => {
    const slow = pending();
    const { vault, logged } = patientVault(aUser(60), [slow.promise]);

    await expect(vault.accessToken(REF)).resolves.toMatchObject({ accessToken: 'stored-access' });
    slow.settle(pluginFailure('bad_response'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(logged.map((line) => line.message)).toEqual(['token refresh still running; served the stored access token', 'upstream token refresh failed']);
  });

  it('waits for new tokens the upstream has issued to be stored, however long the store takes', async () => {
    const { vault, users } = patientVault(aUser(60), [refreshed('issued-access')]);
    const update = users.update.bind(users);
    users.update = async (user) => {
      await new Promise((resolve) => setTimeout(resolve, PATIENCE_MS * 4));
      return update(user);
    };

    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'issued-access', expiresIn: 28800 });
  });

  it('waits for the whole refresh when the stored token has 30 s or less left', async () => {
    const slow = pending();
    const { vault, servedStored } = patientVault(aUser(30), [slow.promise]);

    const read = vault.accessToken(REF);
    setTimeout(() => slow.settle(refreshed('slow-access')), PATIENCE_MS * 4);

    await expect(read).resolves.toMatchObject({ accessToken: 'slow-access' });
    expect(servedStored).toEqual([]);
  });

  it('hands the refresh that outlives its reader to the background work shutdown waits for', async () => {
    const slow = pending();
    const handed: Promise<unknown>[] = [];
    const { vault } = patientVault(aUser(60), [slow.promise], (work) => void handed.push(work));

    await expect(vault.accessToken(REF)).resolves.toMatchObject({ accessToken: 'stored-access' });
    expect(handed).toHaveLength(1);
    let ended = false;
    void handed[0]!.finally(() => (ended = true)).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);

    slow.settle(refreshed('late-access'));
    await expect(handed[0]).resolves.toMatchObject({ accessToken: 'late-access' });
  });
});
