import { afterEach, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { issueSetPasswordTicket } from '../../../../src/dashboard/admins/set_password_tickets.js';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { setPasswordTicketKey } from '../../../../src/domain/set_password_ticket_key.js';
import type { AdminAccount } from '../../../../src/domain/types.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from '../dashboard_harness.js';

/**
 * A set-password link is handed from one admin to another by hand; a new one needs the issuer
 * again. So a failure on fitgate's side while the password is saved (the "try again" page) must
 * leave the link working for that try, and the link still works once only.
 */
describeEachStore('a set-password link when saving the password fails', (stores) => {
  const harness = useDashboardOnStore(stores);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function pendingWithLink(email: string): Promise<{ admin: AdminAccount; ticket: string }> {
    const admin: AdminAccount = { email, tenants: ['default'], createdAt: new Date().toISOString() };
    await harness().store.admins.create(admin);
    return { admin, ticket: await issueSetPasswordTicket(harness().store, admin, 'owner@example.com') };
  }

  async function setPassword(ticket: string, password: string): Promise<request.Response> {
    const browser = request.agent(harness().app).host(HOST);
    const path = `/manage/set-password/${ticket}`;
    const form = await browser.get(path).expect(200);
    return browser.post(path).type('form').set('Accept', 'text/html').send({ _csrf: csrfTokenOf(form.text), password, confirm: password });
  }

  it('keeps the link working after the save failed, and for one use only', async () => {
    const { admin, ticket } = await pendingWithLink('rae@example.com');
    const admins = harness().store.admins;
    jest.spyOn(admins, 'update').mockRejectedValueOnce(new StoreUnavailableError());

    const failed = await setPassword(ticket, 'the first try of rae');
    expect(failed.status).toBe(503);
    expect(failed.text).toContain('Try again');

    expect((await setPassword(ticket, 'the second try of rae')).status).toBe(303);
    const stored = await admins.get(admin.email);
    expect(await verifyPassword('the second try of rae', stored!.passwordHash!)).toBe(true);
    expect(await harness().store.ephemeral.get('ticket', setPasswordTicketKey(ticket))).toBeUndefined();

    const again = request.agent(harness().app).host(HOST);
    expect((await again.get(`/manage/set-password/${ticket}`)).status).toBe(404);
  });

  it('lets only one of two uses of the link at the same moment set the password', async () => {
    const { admin, ticket } = await pendingWithLink('sol@example.com');
    const answers = await Promise.all([setPassword(ticket, 'the password of one tab'), setPassword(ticket, 'the password of another tab')]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 404]);
    const winner = answers[0]!.status === 303 ? 'the password of one tab' : 'the password of another tab';
    const stored = await harness().store.admins.get(admin.email);
    expect(await verifyPassword(winner, stored!.passwordHash!)).toBe(true);
  });
});
