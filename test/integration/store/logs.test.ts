import { beforeAll, expect, it } from '@jest/globals';
import type { LogEvent } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { logRecord, uniqueId } from './records.js';

describeEachStore('log repository', (h) => {
  const tenant = uniqueId('t');
  const base = Date.UTC(2026, 0, 1);
  // Oldest to newest: a success and a failure for Ada, a success for Alan, an API call.
  const events = [
    logRecord(tenant, { id: 'log1', dateMs: base, type: 's', userId: 'fitbit|ADA' }),
    logRecord(tenant, { id: 'log2', dateMs: base + 1000, type: 'f', userId: 'fitbit|ADA' }),
    logRecord(tenant, { id: 'log3', dateMs: base + 2000, type: 's', userId: 'fitbit|ALAN' }),
    logRecord(tenant, { id: 'log4', dateMs: base + 3000, type: 'sapi' }),
  ];
  const ids = (page: { items: LogEvent[] }) => page.items.map((event) => event.id);

  beforeAll(async () => {
    for (const event of events) await h.store().logs.append(event);
    await h.store().logs.append(logRecord(uniqueId('other'), { type: 's' }));
  });

  it('returns an event by tenant and id', async () => {
    expect(await h.store().logs.get(tenant, 'log2')).toEqual(events[1]);
    expect(await h.store().logs.get(uniqueId('t'), 'log2')).toBeUndefined();
  });

  it('keeps the first event of an id: a second append with the same id changes nothing', async () => {
    const first = events[0] as LogEvent;
    await h.store().logs.append({ ...first, description: 'a retry with other words' });
    expect(await h.store().logs.get(tenant, first.id)).toEqual(first);
    expect((await h.store().logs.list(tenant, { page: 0, perPage: 10 })).total).toBe(events.length);
  });

  it('lists the events of a tenant newest first, in pages, with the total', async () => {
    const first = await h.store().logs.list(tenant, { page: 0, perPage: 3 });
    const second = await h.store().logs.list(tenant, { page: 1, perPage: 3 });
    expect(ids(first)).toEqual(['log4', 'log3', 'log2']);
    expect(ids(second)).toEqual(['log1']);
    expect([first.total, second.total]).toEqual([4, 4]);
  });

  it('lists oldest first when asked, filtered or not, with the same totals', async () => {
    const all = await h.store().logs.list(tenant, { page: 0, perPage: 3, oldestFirst: true });
    const rest = await h.store().logs.list(tenant, { page: 1, perPage: 3, oldestFirst: true });
    const byUser = await h.store().logs.list(tenant, { page: 0, perPage: 10, userId: 'fitbit|ADA', oldestFirst: true });
    const byType = await h.store().logs.list(tenant, { page: 0, perPage: 10, type: 's', oldestFirst: true });
    expect([ids(all), ids(rest), all.total]).toEqual([['log1', 'log2', 'log3'], ['log4'], 4]);
    expect([ids(byUser), ids(byType)]).toEqual([['log1', 'log2'], ['log1', 'log3']]);
  });

  it('filters by type, by user, and by both', async () => {
    const byType = await h.store().logs.list(tenant, { page: 0, perPage: 10, type: 's' });
    const byUser = await h.store().logs.list(tenant, { page: 0, perPage: 10, userId: 'fitbit|ADA' });
    const byBoth = await h.store().logs.list(tenant, { page: 0, perPage: 10, userId: 'fitbit|ADA', type: 's' });
    expect([ids(byType), byType.total]).toEqual([['log3', 'log1'], 2]);
    expect([ids(byUser), byUser.total]).toEqual([['log2', 'log1'], 2]);
    expect([ids(byBoth), byBoth.total]).toEqual([['log1'], 1]);
  });
});
