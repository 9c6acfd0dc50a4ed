import { expect, it } from '@jest/globals';
import { aUser, REF, vaultWith } from './vault_fixtures.js';

// A refresh answer whose expires_in is no number of seconds cannot be stored (issued_tokens.ts). It
// fails as any other answer fitgate cannot use: 503 at once, the stored tokens left as they were.

it.each([Number.NaN, -1])('answers a refresh whose expires_in is %p as unavailable and stores nothing', async (expiresIn) => {
  const user = aUser(200);
  const { vault, users, logged, servedStored } = vaultWith(user, [{ accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn, grantedScopes: [] }]);

  await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'upstream_failed' });

  expect(users.all()[0]!.identities[0]).toEqual(user.identities[0]);
  expect(servedStored).toEqual([]);
  expect(logged).toEqual([
    expect.objectContaining({ level: 'warn', message: 'upstream token refresh failed', details: expect.objectContaining({ kind: 'unknown', served_stored_token: false }) }),
  ]);
});
