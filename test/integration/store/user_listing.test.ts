import { beforeAll, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

describeEachStore('user listing and search', (h) => {
  const tenant = uniqueId('t');
  const base = Date.UTC(2026, 0, 1);
  const ids = (page: { items: User[] }) => page.items.map((user) => user.userId);
  // Five users created a minute apart: u0 oldest, u4 newest.
  const people = [
    { email: 'ada@example.com', name: 'Ada Lovelace' },
    { email: 'alan@example.com', name: 'Alan Turing' },
    { email: 'grace@navy.example', name: 'Grace Hopper' },
    { email: 'ALonzo@Example.com', name: 'Alonzo Church' },
    { name: 'No Email' },
  ];

  beforeAll(async () => {
    for (const [index, person] of people.entries()) {
      await h.store().users.create(userRecord(tenant, { upstreamId: `U${index}`, createdAtMs: base + index * 60_000, ...person }));
    }
  });

  it('lists newest first in zero-based pages, with the total of the tenant', async () => {
    const first = await h.store().users.list(tenant, { page: 0, perPage: 2 });
    const second = await h.store().users.list(tenant, { page: 1, perPage: 2 });
    const last = await h.store().users.list(tenant, { page: 2, perPage: 2 });
    expect(ids(first)).toEqual(['fitbit|U4', 'fitbit|U3']);
    expect(ids(second)).toEqual(['fitbit|U2', 'fitbit|U1']);
    expect(ids(last)).toEqual(['fitbit|U0']);
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
  });

  it('returns an empty page past the end, still with the total', async () => {
    expect(await h.store().users.list(tenant, { page: 9, perPage: 2 })).toEqual({ items: [], total: 5 });
  });

  it('rejects a negative page or a page size below one', async () => {
    await expect(h.store().users.list(tenant, { page: -1, perPage: 2 })).rejects.toThrow(RangeError);
    await expect(h.store().users.list(tenant, { page: 0, perPage: 0 })).rejects.toThrow(RangeError);
  });

  it('searches by a case-insensitive prefix of the email', async () => {
    const page = await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'AL' });
    expect(ids(page)).toEqual(['fitbit|U1', 'fitbit|U3']);
    expect(page.total).toBe(2);
  });

  it('searches by a prefix of the name', async () => {
    expect(ids(await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'grace h' }))).toEqual(['fitbit|U2']);
    expect(ids(await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'no em' }))).toEqual(['fitbit|U4']);
  });

  it('searches by the user id', async () => {
    expect(ids(await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'fitbit|U2' }))).toEqual(['fitbit|U2']);
  });

  it('does not match text in the middle of a field', async () => {
    expect((await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'lovelace' })).total).toBe(0);
  });

  it('lists a user matching on both email and name once', async () => {
    // "a" starts Ada's email and name, Alan's, and Alonzo's.
    const page = await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'a' });
    expect(ids(page)).toEqual(['fitbit|U0', 'fitbit|U1', 'fitbit|U3']);
    expect(page.total).toBe(3);
  });

  it('pages search results in match order', async () => {
    const page = await h.store().users.list(tenant, { page: 1, perPage: 2, q: 'a' });
    expect(ids(page)).toEqual(['fitbit|U3']);
    expect(page.total).toBe(3);
  });

  it('treats a blank query as no query', async () => {
    expect((await h.store().users.list(tenant, { page: 0, perPage: 10, q: '  ' })).total).toBe(5);
  });

  it('keeps search terms current on update', async () => {
    const user = userRecord(tenant, { upstreamId: 'RENAMED', email: 'before@example.com', createdAtMs: base - 60_000 });
    await h.store().users.create(user);
    await h.store().users.update({ ...user, email: 'after@example.com' });
    expect((await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'before' })).total).toBe(0);
    expect(ids(await h.store().users.list(tenant, { page: 0, perPage: 10, q: 'after' }))).toEqual(['fitbit|RENAMED']);
    await h.store().users.delete(tenant, user.userId);
  });
});
