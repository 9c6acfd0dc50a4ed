/**
 * passport-oauth2's PKCE state store, told apart from its other flavours by arity: `store` must take
 * the verifier, or passport-oauth2 silently drops it and the code exchange fails later.
 */
export interface StateStore {
  store(req: unknown, verifier: string, state: unknown, meta: unknown, callback: (error: Error | null, handle?: string) => void): void;
  verify(req: unknown, providedState: string, ...rest: unknown[]): void;
}

export function checkStateStore(store: unknown): asserts store is StateStore {
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
