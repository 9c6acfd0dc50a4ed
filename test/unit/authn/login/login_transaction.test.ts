import { describe, expect, it } from '@jest/globals';
import {
  beginLoginTransaction,
  takeLoginTransaction,
  type PendingAuthorization,
} from '../../../../src/authn/login/login_transaction.js';
import { memoryEphemeral } from '../../../support/authn/memory_repositories.js';

const pending: PendingAuthorization = {
  tenant: 'acme',
  clientId: 'web_app_client',
  redirectUri: 'https://app.example/callback',
  state: 'client-state',
  nonce: 'n-1',
  scope: ['openid'],
  prompt: [],
  connection: 'fitbit',
};

describe('login transaction', () => {
  it('is stored under a fresh 32-byte upstream state unrelated to the client state', async () => {
    const ephemeral = memoryEphemeral();
    const transaction = await beginLoginTransaction(ephemeral, pending, 'verifier');
    expect(transaction.upstreamState).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(transaction.upstreamState).not.toContain('client-state');
    expect(await ephemeral.get('login_transaction', transaction.upstreamState)).toEqual(transaction);
  });

  it('can be taken once: a reused state finds nothing', async () => {
    const ephemeral = memoryEphemeral();
    const { upstreamState } = await beginLoginTransaction(ephemeral, pending, 'verifier');
    expect((await takeLoginTransaction(ephemeral, upstreamState))?.state).toBe('client-state');
    expect(await takeLoginTransaction(ephemeral, upstreamState)).toBeUndefined();
  });

  it.each([undefined, '', ['a', 'b'], 'short', 'x'.repeat(500)])('finds nothing for a state that cannot be one (%p)', async (state) => {
    const ephemeral = memoryEphemeral();
    await beginLoginTransaction(ephemeral, pending, 'verifier');
    expect(await takeLoginTransaction(ephemeral, state)).toBeUndefined();
    expect(ephemeral.size()).toBe(1);
  });
});
