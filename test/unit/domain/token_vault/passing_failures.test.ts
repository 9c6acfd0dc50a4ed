import { describe, expect, it } from '@jest/globals';
import { aUser, pluginFailure, REF, vaultWith } from './vault_fixtures.js';

// Which failed refreshes the stored token is served through (passing ones, with more than 30 s
// left), and which answer as before: a token too close to expiry, an unexplained failure, a refusal.

describe('a refresh that fails while the stored token is inside the refresh window', () => {
  it.each([
    ['timeout', 'timeout'],
    ['unavailable', 'unavailable'],
    ['conflict (Fitbit 409)', 'conflict'],
    ['rate_limited', 'rate_limited'],
  ])('serves the stored token with its real expires_in after %s, and keeps the identity connected', async (_name, kind) => {
    const { vault, users, logged, events, servedStored } = vaultWith(aUser(60), [pluginFailure(kind, 120)]);

    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 60 });

    expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'connected', tokens: aUser(60).identities[0]!.tokens });
    expect(events).toEqual([]);
    expect(logged).toEqual([expect.objectContaining({ level: 'warn', details: expect.objectContaining({ served_stored_token: true, expires_in_s: 60 }) })]);
    expect(servedStored).toEqual(['refresh_failed']);
  });

  it.each([
    ['timeout', 'unavailable'],
    ['unavailable', 'unavailable'],
    ['rate_limited', 'rate_limited'],
  ] as const)('answers %s as %s when the stored token has 30 s or less left', async (kind, failure) => {
    const { vault, logged, servedStored } = vaultWith(aUser(30), [pluginFailure(kind, 120)]);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: failure });
    expect(logged).toEqual([expect.objectContaining({ details: expect.objectContaining({ served_stored_token: false }) })]);
    expect(servedStored).toEqual([]);
  });

  it('answers an unexplained failure (an unreadable answer) as unavailable however long the stored token has left', async () => {
    const { vault, servedStored } = vaultWith(aUser(200), [pluginFailure('bad_response')]);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(servedStored).toEqual([]);
  });

  it('answers invalid_grant with needs_reauthorization and drops the tokens, however long the stored token has left', async () => {
    const { vault, users, events } = vaultWith(aUser(200), [pluginFailure('invalid_grant')]);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'needs_reauthorization' });
    expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'needs_reauthorization', statusReason: 'refresh_token_rejected' });
    expect(users.all()[0]!.identities[0]!.tokens).toBeUndefined();
    expect(events).toHaveLength(1);
  });
});
