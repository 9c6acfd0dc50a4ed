import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { beginLoginTransaction, type PendingAuthorization } from '../../../src/authn/login_transaction.js';
import { RoundTripStateStore } from '../../../src/upstream/round_trip_state_store.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';

const pending: PendingAuthorization = {
  tenant: 'acme',
  clientId: 'web_app_client',
  redirectUri: 'https://app.example/callback',
  scope: ['openid'],
  prompt: [],
  connection: 'fitbit',
};
const req = {} as Request;

function verify(store: RoundTripStateStore, state: unknown): Promise<string | false> {
  return new Promise((resolve, reject) => store.verify(req, state, (error, verifier) => (error ? reject(error) : resolve(verifier))));
}

function storeState(store: RoundTripStateStore): Promise<string | undefined> {
  return new Promise((resolve, reject) => store.store(req, 'the-verifier', undefined, {}, (error, value) => (error ? reject(error) : resolve(value))));
}

describe('RoundTripStateStore', () => {
  it('has the arities passport-oauth2 uses to pick its PKCE calling convention', () => {
    const store = new RoundTripStateStore({});
    expect(store.store.length).toBe(5);
    expect(store.verify.length).toBe(3);
  });

  it('hands the PKCE verifier to the flow that begins and answers the state it stored it under', async () => {
    const ephemeral = memoryEphemeral();
    const store = new RoundTripStateStore({
      begin: async (verifier) => (await beginLoginTransaction(ephemeral, pending, verifier)).upstreamState,
    });
    const state = await storeState(store);
    expect(await ephemeral.get('login_transaction', state!)).toMatchObject({ ...pending, upstreamCodeVerifier: 'the-verifier' });
  });

  it('refuses to begin a round trip when it was built only to finish one', async () => {
    await expect(storeState(new RoundTripStateStore({}))).rejects.toThrow('cannot begin');
  });

  it('answers the verifier only for the state of the record the flow took', async () => {
    const taken = await beginLoginTransaction(memoryEphemeral(), pending, 'the-verifier');
    const store = new RoundTripStateStore({ taken });
    expect(await verify(store, taken.upstreamState)).toBe('the-verifier');
    expect(await verify(store, 'another-state')).toBe(false);
  });

  it('answers false when no record was taken', async () => {
    expect(await verify(new RoundTripStateStore({}), 'any')).toBe(false);
  });
});
