import type { Store } from '../../src/store/store.js';

/**
 * Makes every user write through `store` lose its race for real: just before it lands, the same
 * user is written once more from a fresh read (as another process would), so the store refuses it
 * as stale, however often it is tried. Returns what puts the store back.
 */
export function overtakeEveryUserWrite(store: Store): () => void {
  const users = store.users;
  const update = users.update.bind(users);
  users.update = async (user) => {
    const current = await users.get(user.tenant, user.userId);
    if (current) await update(current);
    return update(user);
  };
  return () => {
    // The repository's own method, on its prototype, answers again.
    delete (users as Partial<Store['users']>).update;
  };
}
