import { expect, it } from '@jest/globals';
import request from 'supertest';
import { setAdminPassword } from '../../../../src/dashboard/account/admin_password.js';
import { issueSetPasswordTicket, SET_PASSWORD_TICKET_TTL_SECONDS, type SetPasswordTicket } from '../../../../src/dashboard/admins/set_password_tickets.js';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { setPasswordTicketKey } from '../../../../src/domain/set_password_ticket_key.js';
import type { AdminAccount } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from '../dashboard_harness.js';

/**
 * Once an account's password is set, through one of its set-password links or any other way, every
 * other open link of the account stops working: whoever else holds one cannot set the password
 * again and sign in as that admin. Links from before links were bound to the account's credentials
 * cannot be told apart from those and are refused too.
 */
describeEachStore('set-password links that stop working', (stores) => {
  const harness = useDashboardOnStore(stores);

  /** An admin account invited to the default tenant, without a password yet. */
  async function pending(email: string): Promise<AdminAccount> {
    const admin: AdminAccount = { email, tenants: ['default'], createdAt: new Date().toISOString() };
    await harness().store.admins.create(admin);
    return admin;
  }

  const path = (ticket: string) => `/manage/set-password/${ticket}`;

  async function setPassword(ticket: string, password: string): Promise<number> {
    const browser = request.agent(harness().app).host(HOST);
    const form = await browser.get(path(ticket));
    if (form.status !== 200) return form.status;
    const sent = await browser.post(path(ticket)).type('form').send({ _csrf: csrfTokenOf(form.text), password, confirm: password });
    return sent.status;
  }

  it('stops every other open link once one of them has set the password', async () => {
    const admin = await pending('zed@example.com');
    const zeds = await issueSetPasswordTicket(harness().store, admin, 'owner@example.com');
    const eves = await issueSetPasswordTicket(harness().store, admin, 'eve@example.com');

    expect(await setPassword(zeds, 'the password zed chose')).toBe(303);
    expect(await setPassword(eves, 'the password eve chose')).toBe(404);
    const stored = await harness().store.admins.get(admin.email);
    expect(await verifyPassword('the password zed chose', stored!.passwordHash!)).toBe(true);
  });

  it('stops an open link once the password was reset on the server', async () => {
    const admin = await pending('yan@example.com');
    const ticket = await issueSetPasswordTicket(harness().store, admin, 'owner@example.com');
    // What `npm run admin -- reset-password` does.
    await setAdminPassword({ admins: harness().store.admins, dataDir: harness().config.dataDir }, admin.email, 'a generated password');
    expect(await setPassword(ticket, 'someone else chose this')).toBe(404);
  });

  it('refuses a link issued before links were bound to the account', async () => {
    const admin = await pending('old@example.com');
    const ticket = 'L'.repeat(43);
    const unbound: SetPasswordTicket = { purpose: 'admin_set_password', email: admin.email, invitedBy: 'owner@example.com' };
    await harness().store.ephemeral.put('ticket', setPasswordTicketKey(ticket), unbound, SET_PASSWORD_TICKET_TTL_SECONDS);
    expect(await setPassword(ticket, 'someone chose this')).toBe(404);
  });
});
