import { describe, expect, it } from '@jest/globals';
import { aUser, pluginFailure, REF, refreshed, vaultWith, type RefreshAnswer } from './vault_fixtures.js';

// Every line the vault logs about one identity's refresh names its tenant, connection and user:
// connection names and user ids repeat across the tenants of one instance, so a line without the
// tenant points at no connection an administrator could fix (the line of a client rate limit
// always named it; the others now do too).

const IDENTITY = { tenant: REF.tenant, connection: REF.connection, user_id: REF.userId };

/** Every line logged while reading REF's token once, with a refresh due, the upstream answering `answer`. */
async function linesOf(answer: RefreshAnswer, secondsLeft = 200) {
  const { vault, logged } = vaultWith(aUser(secondsLeft), [answer]);
  await vault.accessToken(REF).catch(() => undefined);
  expect(logged.length).toBeGreaterThan(0);
  return logged;
}

describe('the token vault’s log lines about one identity', () => {
  it.each([
    ['a refresh that worked', refreshed('new-access'), 'upstream access token refreshed'],
    ['a refresh that failed for a moment, the stored token served', pluginFailure('unavailable'), 'upstream token refresh failed'],
    ['a refresh the upstream rate-limited for this user', pluginFailure('rate_limited', 60), 'upstream rate-limited a token refresh'],
    ['a refresh the upstream refused for good', pluginFailure('invalid_grant'), 'identity needs reauthorization'],
    ['a refresh that refused the connection’s client', pluginFailure('invalid_client'), "the upstream refused the connection's client credentials; an administrator must update the connection"],
    [
      'a refresh that rate-limited the connection’s client',
      Object.assign(pluginFailure('rate_limited', 600), { rateLimitScope: 'client' }),
      "upstream rate-limited the connection's client; no identity of the connection is refreshed until the window resets",
    ],
  ])('name the tenant, connection and user after %s', async (_case, answer, message) => {
    const lines = await linesOf(answer);
    expect(lines.map((line) => line.message)).toContain(message);
    for (const line of lines) expect({ message: line.message, ...line.details }).toMatchObject({ message: line.message, ...IDENTITY });
  });

  it('name them when a refresh fails with no stored token left to serve', async () => {
    const lines = await linesOf(pluginFailure('unavailable'), 10);
    expect(lines).toEqual([expect.objectContaining({ message: 'upstream token refresh failed', details: expect.objectContaining({ ...IDENTITY, served_stored_token: false }) })]);
  });
});
