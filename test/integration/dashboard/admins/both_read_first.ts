import type { Store } from '../../../../src/store/store.js';

/**
 * The store, with its first two admin lookups held until both have read: two writers of one admin
 * account that both decide on the same record, the race made certain rather than left to timing.
 */
export function bothReadFirst(store: Store): Store {
  let waiting: (() => void) | undefined;
  let lookups = 0;
  const admins = Object.create(store.admins) as Store['admins'];
  admins.get = async (email) => {
    const found = await store.admins.get(email);
    lookups += 1;
    if (lookups === 1) await new Promise<void>((resolve) => (waiting = resolve));
    else if (lookups === 2) waiting?.();
    return found;
  };
  return Object.assign(Object.create(store) as Store, { admins });
}
