import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { beginLoginTransaction, type PendingAuthorization } from '../../../src/authn/login/login_transaction.js';
import { beginRoundTripRecord } from '../../../src/upstream/round_trip_records.js';
import { RoundTripStateStore, type RoundTripFlow } from '../../../src/upstream/round_trip_state_store.js';
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

/** A store with `flow` bound to `req`, as round_trip.ts binds each request's flow. */
function storeWith(flow: RoundTripFlow): RoundTripStateStore {
  const store = new RoundTripStateStore();
  store.bind(req, flow);
  return store;
}

function verify(store: RoundTripStateStore, state: unknown): Promise<string | boolean> {
  return new Promise((resolve, reject) => store.verify(req, state, (error, verifier) => (error ? reject(error) : resolve(verifier))));
}

function storeState(store: RoundTripStateStore, verifier: string | undefined): Promise<string | undefined> {
  return new Promise((resolve, reject) => store.store(req, verifier, undefined, {}, (error, value) => (error ? reject(error) : resolve(value))));
}

describe('RoundTripStateStore', () => {
  it('has the arities passport-oauth2 uses to pick its PKCE calling convention', () => {
    const store = storeWith({});
    expect(store.store.length).toBe(5);
    expect(store.verify.length).toBe(3);
  });

  it('hands the PKCE verifier to the flow that begins and answers the state it stored it under', async () => {
    const ephemeral = memoryEphemeral();
    const store = storeWith({
      begin: async (verifier) => (await beginRoundTripRecord(ephemeral, 'login_transaction', pending, verifier)).upstreamState,
    });
    const state = await storeState(store, 'the-verifier');
    expect(await ephemeral.get('login_transaction', state!)).toMatchObject({ ...pending, upstreamCodeVerifier: 'the-verifier' });
  });

  it('keeps a record without a verifier for a strategy without PKCE, which passport-oauth2 hands none', async () => {
    const ephemeral = memoryEphemeral();
    const store = storeWith({
      begin: async (verifier) => (await beginRoundTripRecord(ephemeral, 'login_transaction', pending, verifier)).upstreamState,
    });
    const state = await storeState(store, undefined);
    expect(await ephemeral.get('login_transaction', state!)).not.toHaveProperty('upstreamCodeVerifier');
  });

  it('refuses to begin a round trip when it was built only to finish one', async () => {
    await expect(storeState(storeWith({}), 'the-verifier')).rejects.toThrow('cannot begin');
  });

  it('answers the verifier only for the state of the record the flow took', async () => {
    const taken = await beginLoginTransaction(memoryEphemeral(), pending, 'the-verifier');
    const store = storeWith({ taken });
    expect(await verify(store, taken.upstreamState)).toBe('the-verifier');
    expect(await verify(store, 'another-state')).toBe(false);
  });

  it('answers true, a state that matched with no verifier to send, when the record has none (no PKCE)', async () => {
    const taken = await beginRoundTripRecord(memoryEphemeral(), 'login_transaction', pending, undefined);
    const store = storeWith({ taken });
    expect(await verify(store, taken.upstreamState)).toBe(true);
    expect(await verify(store, 'another-state')).toBe(false);
  });

  it('answers false when no record was taken', async () => {
    expect(await verify(storeWith({}), 'any')).toBe(false);
  });

  it("keeps each request's flow apart when one store serves many requests", async () => {
    const first = await beginLoginTransaction(memoryEphemeral(), pending, 'first-verifier');
    const second = await beginLoginTransaction(memoryEphemeral(), pending, 'second-verifier');
    const store = new RoundTripStateStore();
    const otherReq = {} as Request;
    store.bind(req, { taken: first });
    store.bind(otherReq, { taken: second });
    expect(await verify(store, first.upstreamState)).toBe('first-verifier');
    expect(await verify(store, second.upstreamState)).toBe(false);
    expect(await new Promise((resolve) => store.verify(otherReq, second.upstreamState, (_error, verifier) => resolve(verifier)))).toBe('second-verifier');
    expect(await verify(new RoundTripStateStore(), 'any')).toBe(false);
  });
});
