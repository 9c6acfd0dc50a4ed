import { expect, it } from '@jest/globals';
import { inviteAdmin } from '../../../../src/dashboard/admins/admin_invitations.js';
import { peekSetPasswordTicket } from '../../../../src/dashboard/admins/set_password_tickets.js';
import { describeEachStore } from '../../../support/stores.js';
import { bothReadFirst } from './both_read_first.js';

/**
 * Two admins inviting the same new email at the same moment: both read "no such account", one
 * creates it. The other must not fail (it was a 500): it becomes the invitation of an existing
 * account, under the same rule: refused unless its inviter manages the tenant the account has now,
 * and then the first link is replaced by the second, so exactly one link works.
 */
describeEachStore('two invitations of one new email at once', (harness) => {
  it('creates one account with one tenant, and one link, when the inviters manage different tenants', async () => {
    const store = harness.store();
    const email = `racer-${Date.now()}@example.com`;
    const raced = bothReadFirst(store);
    const a = { email: 'a@example.com', tenants: ['acme'] };
    const b = { email: 'b@example.com', tenants: ['globex'] };
    const results = await Promise.all([inviteAdmin(raced, 'acme', email, a), inviteAdmin(raced, 'globex', email, b)]);

    expect(results.map((result) => result.kind).sort()).toEqual(['beyond_your_tenants', 'invited']);
    const winner = results[0]!.kind === 'invited' ? 'acme' : 'globex';
    expect((await store.admins.get(email))?.tenants).toEqual([winner]);
  });

  it('creates one account with both tenants, and one working link, when the inviter manages both', async () => {
    const store = harness.store();
    const email = `racer-both-${Date.now()}@example.com`;
    const raced = bothReadFirst(store);
    const owner = { email: 'owner@example.com', tenants: ['acme', 'globex'] };
    const results = await Promise.all([inviteAdmin(raced, 'acme', email, owner), inviteAdmin(raced, 'globex', email, owner)]);

    expect(results.map((result) => result.kind).sort()).toEqual(['added_pending', 'invited']);
    expect((await store.admins.get(email))?.tenants.sort()).toEqual(['acme', 'globex']);
    const opens = await Promise.all(results.map(async (result) => 'ticket' in result && (await peekSetPasswordTicket(store, result.ticket)) !== undefined));
    expect(opens).toEqual(results.map((result) => result.kind === 'added_pending'));
  });
});
