import { describe, expect, it } from '@jest/globals';
import { aUser, pluginFailure, REF, refreshed, vaultWith } from './vault_fixtures.js';

// A refresh refused because of the connection's client, not the user: unauthorized_client (the
// tokens were issued to another client) can never work again, so the identity needs
// reauthorization; invalid_client (the connection's secret or client refused) is the administrator's
// to fix, so readers get a 503 saying so, and the upstream is not asked again for a while.

describe('a refresh the upstream refuses because of the client', () => {
  it('puts the identity in needs_reauthorization (connection_client_changed) on unauthorized_client, dropping the tokens', async () => {
    const { vault, users, events } = vaultWith(aUser(200), [pluginFailure('unauthorized_client')]);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'needs_reauthorization' });
    const identity = users.all()[0]!.identities[0]!;
    expect(identity).toMatchObject({ status: 'needs_reauthorization', statusReason: 'connection_client_changed' });
    expect(identity.tokens).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'connection_client_changed' }) })]);
  });

  it('answers invalid_client as unavailable, naming the administrator\'s fix, keeping the identity, its tokens and the stored token unserved', async () => {
    const { vault, users, events, logged, servedStored } = vaultWith(aUser(200), [pluginFailure('invalid_client')]);

    const refusal = vault.accessToken(REF);
    await expect(refusal).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(refusal).rejects.toThrow(/refused the client credentials of the fitbit connection \(invalid_client\).*An administrator must update the connection's Client ID and Client Secret/);
    expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'connected', tokens: aUser(200).identities[0]!.tokens });
    expect(events).toEqual([]);
    expect(servedStored).toEqual([]);
    expect(logged).toEqual([expect.objectContaining({ level: 'error', details: expect.objectContaining({ upstream: 'upstream said invalid_client' }) })]);
  });

  it('asks the upstream no more for that connection during the pause: the next reads get the same refusal at once', async () => {
    const { vault, refreshCalls } = vaultWith(aUser(200), [pluginFailure('invalid_client'), refreshed('never-asked-for')]);
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'client_refused' });

    await expect(vault.accessToken(REF)).rejects.toThrow(/invalid_client.*An administrator must update the connection/);
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'client_refused' });
    expect(refreshCalls()).toBe(1);
  });
});
