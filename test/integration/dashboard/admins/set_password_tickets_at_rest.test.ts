import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import request from 'supertest';
import { issueSetPasswordTicket, SET_PASSWORD_TICKET_TTL_SECONDS, type SetPasswordTicket } from '../../../../src/dashboard/admins/set_password_tickets.js';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { setPasswordTicketKey } from '../../../../src/domain/set_password_ticket_key.js';
import type { AdminAccount } from '../../../../src/domain/types.js';
import { hashRawTicketKeys } from '../../../../src/store/redis/hashed_ticket_keys_step.js';
import type { RedisStore } from '../../../../src/store/redis/redis_store.js';
import { DATABASE_FILE } from '../../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../../src/store/sqlite/sqlite_store.js';
import { keysWithPrefix } from '../../../support/redis.js';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from '../dashboard_harness.js';

/**
 * A set-password link sets the password of an admin who has none yet: whoever reads the store (the
 * files of the data directory, a Redis dump) must not find one there. The store keeps the ticket's
 * SHA-256; the link keeps the ticket. Tickets an earlier fitgate kept raw are moved to their hash.
 */
describeEachStore('set-password tickets at rest', (stores) => {
  const harness = useDashboardOnStore(stores);

  /** The keys of every ticket record, read from the store's own storage, not through fitgate. */
  async function storedTicketKeys(): Promise<string[]> {
    if (stores.kind === 'sqlite') {
      const rows = (stores.store() as SqliteStore).db.prepare("SELECT key FROM ephemeral WHERE kind = 'ticket'").all() as Array<{ key: string }>;
      return rows.map((row) => row.key);
    }
    const prefix = (stores.store() as RedisStore).keys.ephemeral('ticket', '');
    return (await keysWithPrefix(prefix)).map((key) => key.slice(prefix.length));
  }

  async function pending(email: string): Promise<AdminAccount> {
    const admin: AdminAccount = { email, tenants: ['default'], createdAt: new Date().toISOString() };
    await harness().store.admins.create(admin);
    return admin;
  }

  async function setPassword(ticket: string, password: string): Promise<number> {
    const browser = request.agent(harness().app).host(HOST);
    const path = `/manage/set-password/${ticket}`;
    const form = await browser.get(path);
    if (form.status !== 200) return form.status;
    const answer = await browser.post(path).type('form').send({ _csrf: csrfTokenOf(form.text), password, confirm: password });
    return answer.status;
  }

  it("keeps only the SHA-256 of a link's ticket, and the link still sets the password once", async () => {
    const admin = await pending('hash@example.com');
    const ticket = await issueSetPasswordTicket(harness().store, admin, 'owner@example.com');

    const keys = await storedTicketKeys();
    expect(keys).toContain(setPasswordTicketKey(ticket));
    expect(keys).not.toContain(ticket);
    if (stores.kind === 'sqlite') {
      for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
        expect(readFileSync(join(stores.testStore().location, file)).includes(ticket)).toBe(false);
      }
    }

    expect(await setPassword(ticket, 'the password of hash')).toBe(303);
    const stored = await harness().store.admins.get(admin.email);
    expect(await verifyPassword('the password of hash', stored!.passwordHash!)).toBe(true);
    expect(await storedTicketKeys()).not.toContain(setPasswordTicketKey(ticket));
    expect(await setPassword(ticket, 'someone else')).toBe(404);
  });

  it('moves a ticket an earlier fitgate kept raw to its hash, and its link still works', async () => {
    const admin = await pending('raw@example.com');
    const ticket = 'R'.repeat(42) + 'w';
    const record: SetPasswordTicket = { purpose: 'admin_set_password', email: admin.email, invitedBy: 'owner@example.com', credentialVersion: 0 };
    // Written as an earlier fitgate did: the raw ticket as the key.
    await harness().store.ephemeral.put('ticket', ticket, record, SET_PASSWORD_TICKET_TTL_SECONDS);
    expect(await storedTicketKeys()).toContain(ticket);

    // The step runs when the store is opened (SQLite at every open, Redis once per store).
    if (stores.kind === 'sqlite') await stores.testStore().reopen();
    else expect(await hashRawTicketKeys(stores.store() as RedisStore)).toBe(1);

    const keys = await storedTicketKeys();
    expect(keys).not.toContain(ticket);
    expect(keys).toContain(setPasswordTicketKey(ticket));
    expect(await setPassword(ticket, 'the password of raw')).toBe(303);
    expect(await verifyPassword('the password of raw', (await harness().store.admins.get(admin.email))!.passwordHash!)).toBe(true);
  });
});
