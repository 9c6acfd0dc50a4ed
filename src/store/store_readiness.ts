import type { Store } from './store.js';

/**
 * Whether the store can serve: 'ok', or what is wrong with a store that answers (Redis emptied or
 * full, in an operator's words); rejects when it does not answer. /health/ready and the
 * fitgate_store_up metric both ask this, so a probe and a dashboard never disagree.
 */
export async function storeReadiness(store: Pick<Store, 'ping' | 'readiness'>): Promise<string> {
  if (!store.readiness) return store.ping().then(() => 'ok');
  return (await store.readiness()) ?? 'ok';
}

/** Resolves when the store can serve; rejects with the problem otherwise (fitgate_store_up). */
export async function storeServes(store: Pick<Store, 'ping' | 'readiness'>): Promise<void> {
  const state = await storeReadiness(store);
  if (state !== 'ok') throw new Error(state);
}
