import type OAuth2Strategy from 'passport-oauth2';

/**
 * passport-oauth2's PKCE state store, told apart from its other flavours by arity: `store` must take
 * the verifier, or passport-oauth2 silently drops it and the code exchange fails later. A strategy
 * run without PKCE calls the same `store`, with the verifier undefined.
 */
export interface StateStore {
  store(req: unknown, verifier: string | undefined, state: unknown, meta: unknown, callback: (error: Error | null, handle?: string) => void): void;
  verify(req: unknown, providedState: string, ...rest: unknown[]): void;
}

/**
 * A store checkStateStore passed, as passport-oauth2's options take it. @types/passport-oauth2
 * declares only the flavours without a verifier, store(req, cb) and store(req, meta, cb), though
 * passport-oauth2 calls this one by its arity: typed as both, a checked store goes into the
 * strategy's `store` option without a cast.
 */
export type CheckedStateStore = StateStore & OAuth2Strategy.StateStore;

export function checkStateStore(store: unknown): asserts store is CheckedStateStore {
  const candidate = store as Partial<Record<'store' | 'verify', unknown>> | null;
  if (typeof candidate?.store !== 'function' || typeof candidate.verify !== 'function') {
    throw new TypeError('store must have store() and verify() methods (a passport-oauth2 state store)');
  }
  if (candidate.store.length !== 5) {
    throw new TypeError('store.store must take (req, verifier, state, meta, callback) so the PKCE verifier is kept');
  }
  if (candidate.verify.length !== 3 && candidate.verify.length !== 4) {
    throw new TypeError('store.verify must take (req, state, callback) or (req, state, meta, callback)');
  }
}
