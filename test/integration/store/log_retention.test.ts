import { expect, it } from '@jest/globals';
import type { LogEvent } from '../../../src/domain/types.js';
import { startLogRetention, sweepOldLogs } from '../../../src/store/log_retention_sweeper.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { logRecord, tenantRecord } from './records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

async function newTenant(store: Store): Promise<string> {
  const tenant = tenantRecord();
  await store.tenants.create(tenant);
  return tenant.name;
}

async function append(store: Store, events: LogEvent[]): Promise<void> {
  for (const event of events) await store.logs.append(event);
}

/** What each index lists for the tenant: all, by type, by user, by user and type (ids and totals). */
async function listings(store: Store, tenant: string) {
  const page = { page: 0, perPage: 50 };
  const read = async (query: { type?: string; userId?: string }) => {
    const { items, total } = await store.logs.list(tenant, { ...page, ...query });
    return { ids: items.map((event) => event.id).sort(), total };
  };
  return {
    all: await read({}),
    byType: await read({ type: 's' }),
    byUser: await read({ userId: 'fitbit|ADA' }),
    byUserAndType: await read({ userId: 'fitbit|ADA', type: 's' }),
  };
}

describeEachStore('log retention', (h) => {
  it('deletes the events dated before the cutoff in every tenant, from every index, and keeps the rest', async () => {
    const store = h.store();
    const cutoff = Date.now() - 10 * DAY_MS;
    const [acme, globex] = [await newTenant(store), await newTenant(store)];
    const old = [
      logRecord(acme, { dateMs: cutoff - DAY_MS, type: 's', userId: 'fitbit|ADA' }),
      logRecord(acme, { dateMs: cutoff - 1, type: 'f', userId: 'fitbit|ADA' }),
      logRecord(globex, { dateMs: cutoff - 5 * DAY_MS, type: 'sapi' }),
    ];
    const kept = [
      logRecord(acme, { dateMs: cutoff, type: 's', userId: 'fitbit|ADA' }),
      logRecord(acme, { dateMs: Date.now(), type: 's' }),
      logRecord(globex, { dateMs: Date.now(), type: 's' }),
    ];
    await append(store, [...old, ...kept]);

    expect(await store.logs.deleteOlderThan(new Date(cutoff))).toBe(3);

    for (const event of old) expect(await store.logs.get(event.tenant, event.id)).toBeUndefined();
    for (const event of kept) expect(await store.logs.get(event.tenant, event.id)).toEqual(event);
    const [recent, recentUnknownUser] = [kept[0]!.id, kept[1]!.id];
    expect(await listings(store, acme)).toEqual({
      all: { ids: [recent, recentUnknownUser].sort(), total: 2 },
      byType: { ids: [recent, recentUnknownUser].sort(), total: 2 },
      byUser: { ids: [recent], total: 1 },
      byUserAndType: { ids: [recent], total: 1 },
    });
    expect((await store.logs.list(globex, { page: 0, perPage: 50, type: 'sapi' })).total).toBe(0);
    expect(await store.logs.deleteOlderThan(new Date(cutoff))).toBe(0);
  });

  it('deletes more events than one batch holds', async () => {
    const store = h.store();
    const tenant = await newTenant(store);
    const base = Date.now() - 400 * DAY_MS;
    await append(store, Array.from({ length: 1205 }, (_, i) => logRecord(tenant, { dateMs: base + i, type: 's', userId: 'fitbit|ADA' })));
    expect(await store.logs.deleteOlderThan(new Date(base + 1205))).toBe(1205);
    expect((await store.logs.list(tenant, { page: 0, perPage: 1 })).total).toBe(0);
  });

  it('keeps FITGATE_LOG_RETENTION_DAYS of events: 31 days old goes, 29 days old stays', async () => {
    const store = h.store();
    const tenant = await newTenant(store);
    const older = logRecord(tenant, { dateMs: Date.now() - 31 * DAY_MS });
    const newer = logRecord(tenant, { dateMs: Date.now() - 29 * DAY_MS });
    await append(store, [older, newer]);
    expect(await sweepOldLogs(store, 30)).toBeGreaterThanOrEqual(1);
    expect(await store.logs.get(tenant, older.id)).toBeUndefined();
    expect(await store.logs.get(tenant, newer.id)).toEqual(newer);
  });

  it('leaves the sweep to the process that holds it', async () => {
    const store = h.store();
    const tenant = await newTenant(store);
    const old = logRecord(tenant, { dateMs: Date.now() - 100 * DAY_MS });
    await append(store, [old]);
    const token = await store.locks.tryAcquire('log_retention', 60_000);
    try {
      expect(await sweepOldLogs(store, 30)).toBeUndefined();
      expect(await store.logs.get(tenant, old.id)).toEqual(old);
    } finally {
      await store.locks.release('log_retention', token!);
    }
  });

  it('sweeps at start and again at each interval', async () => {
    const store = h.store();
    const tenant = await newTenant(store);
    const atStart = logRecord(tenant, { dateMs: Date.now() - 40 * DAY_MS });
    await append(store, [atStart]);
    const failures: unknown[] = [];
    const stop = startLogRetention(store, 30, { swept: () => undefined, failed: (error) => failures.push(error) }, 50);
    try {
      await eventually(async () => ((await store.logs.get(tenant, atStart.id)) ? undefined : true), 'the start sweep ran');
      const later = logRecord(tenant, { dateMs: Date.now() - 40 * DAY_MS });
      await append(store, [later]);
      await eventually(async () => ((await store.logs.get(tenant, later.id)) ? undefined : true), 'an interval sweep ran');
    } finally {
      await stop();
    }
    expect(failures).toEqual([]);
  });
});
