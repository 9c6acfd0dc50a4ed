import { describe, expect, it } from '@jest/globals';
import OAuth2Strategy from 'passport-oauth2';
import { checkStateStore, type StateStore } from '../../../../../src/connections/oauth2/passport/state_store.js';

type StoreCallback = (error: Error | null, handle?: string) => void;

/** A PKCE state store as a plugin receives the host's: arity 5 store, arity 3 verify. */
const pkceStore: StateStore = {
  store(_req: unknown, _verifier: string | undefined, _state: unknown, _meta: unknown, callback: StoreCallback) {
    callback(null, 'handle');
  },
  verify(_req: unknown, _state: string, callback: unknown) {
    (callback as (error: null, ok: boolean) => void)(null, true);
  },
};

/**
 * A plugin's strategy as the oauth2/ README describes it: the host's store arrives typed `unknown`
 * (PluginStrategyOptions.store) and, once checked, goes into passport-oauth2's options with no
 * cast. `npx tsc --noEmit -p .` checks that it compiles; the test checks that passport-oauth2 got it.
 */
function strategyWith(store: unknown): OAuth2Strategy {
  checkStateStore(store);
  return new OAuth2Strategy(
    { authorizationURL: 'https://upstream.example/authorize', tokenURL: 'https://upstream.example/token', clientID: 'c', clientSecret: 's', state: true, pkce: false, store },
    (_accessToken: string, _refreshToken: string, _profile: unknown, done: OAuth2Strategy.VerifyCallback) => done(null, false),
  );
}

describe('checkStateStore', () => {
  it('passes a PKCE store, which then goes into passport-oauth2’s options as it is', () => {
    const strategy = strategyWith(pkceStore) as unknown as { _stateStore: unknown };
    expect(strategy._stateStore).toBe(pkceStore);
  });

  it.each<[string, unknown, RegExp]>([
    ['nothing', undefined, /store must have store\(\) and verify\(\) methods/],
    ['a store without verify()', { store: pkceStore.store }, /store must have store\(\) and verify\(\) methods/],
    ['a store(req, meta, callback), which would drop the verifier', { store: (_req: unknown, _meta: unknown, _cb: unknown) => undefined, verify: pkceStore.verify }, /store\.store must take \(req, verifier, state, meta, callback\)/],
    ['a verify(req, callback)', { store: pkceStore.store, verify: (_req: unknown, _cb: unknown) => undefined }, /store\.verify must take/],
  ])('refuses %s with a TypeError', (_case, store, message) => {
    expect(() => checkStateStore(store)).toThrow(TypeError);
    expect(() => checkStateStore(store)).toThrow(message);
  });
});
