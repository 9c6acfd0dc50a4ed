import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { beginLoginTransaction, type PendingAuthorization } from '../../../../src/authn/login_transaction.js';
import { LoginTransactionStateStore } from '../../../../src/authn/login_transaction_state_store.js';
import { memoryEphemeral } from '../../../support/authn/memory_repositories.js';

const pending: PendingAuthorization = {
  tenant: 'acme',
  clientId: 'web_app_client',
  redirectUri: 'https://app.example/callback',
  scope: ['openid'],
  prompt: [],
  connection: 'fitbit',
};
const req = {} as Request;

function verify(store: LoginTransactionStateStore, state: unknown): Promise<string | false> {
  return new Promise((resolve, reject) => store.verify(req, state, (error, verifier) => (error ? reject(error) : resolve(verifier))));
}

describe('LoginTransactionStateStore', () => {
  it('has the arities passport-oauth2 uses to pick its PKCE calling convention', () => {
    const store = new LoginTransactionStateStore({ ephemeral: memoryEphemeral() });
    expect(store.store.length).toBe(5);
    expect(store.verify.length).toBe(3);
  });

  it('stores the pending authorization with the PKCE verifier and answers the upstream state', async () => {
    const ephemeral = memoryEphemeral();
    const store = new LoginTransactionStateStore({ ephemeral });
    const state = await new Promise<string | undefined>((resolve, reject) =>
      store.store(req, 'the-verifier', pending, {}, (error, value) => (error ? reject(error) : resolve(value))),
    );
    expect(await ephemeral.get('login_transaction', state!)).toMatchObject({ ...pending, upstreamCodeVerifier: 'the-verifier' });
  });

  it('answers the verifier only for the state of the transaction the callback took', async () => {
    const taken = await beginLoginTransaction(memoryEphemeral(), pending, 'the-verifier');
    const store = new LoginTransactionStateStore({ ephemeral: memoryEphemeral(), taken });
    expect(await verify(store, taken.upstreamState)).toBe('the-verifier');
    expect(await verify(store, 'another-state')).toBe(false);
  });

  it('answers false when no transaction was taken', async () => {
    const store = new LoginTransactionStateStore({ ephemeral: memoryEphemeral() });
    expect(await verify(store, 'any')).toBe(false);
  });
});
