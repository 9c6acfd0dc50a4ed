import { expect, it } from '@jest/globals';
import { inviteAdmin } from '../../../../src/dashboard/admins/admin_invitations.js';
import type { Store } from '../../../../src/store/store.js';
import { describeEachStore } from '../../../support/stores.js';

/**
 * Two admins inviting the same new email at the same moment: both read "no such account", one
 * creates it. The other must not fail (it was a 500): it becomes the invitation of an existing
 * account, which adds the tenant and hands out no second link.
 */
describeEachStore('two invitations of one new email at once', (harness) => {
  /** The store, with its first two admin lookups held until both have read: the race, made certain. */
  function bothReadFirst(store: Store): Store {
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

  it('creates one account with both tenants, and gives exactly one link', async () => {
    const store = harness.store();
    const email = `racer-${Date.now()}@example.com`;
    const raced = bothReadFirst(store);
    const results = await Promise.all([inviteAdmin(raced, 'acme', email, 'a@example.com'), inviteAdmin(raced, 'globex', email, 'b@example.com')]);

    expect(results.map((result) => result.kind).sort()).toEqual(['added_pending', 'invited']);
    expect((await store.admins.get(email))?.tenants.sort()).toEqual(['acme', 'globex']);
  });
});
