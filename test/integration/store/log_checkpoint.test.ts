import { beforeAll, expect, it } from '@jest/globals';
import { newLogEventId } from '../../../src/domain/log_events.js';
import type { LogEvent } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { logRecord, uniqueId } from './records.js';

describeEachStore('log checkpoint paging', (h) => {
  const tenant = uniqueId('t');
  const other = uniqueId('t');
  const base = Date.UTC(2026, 0, 1);
  const events: LogEvent[] = [];
  const ids = (list: LogEvent[]) => list.map((event) => event.id);

  beforeAll(async () => {
    // Five events a second apart, and two more within one millisecond (same time prefix).
    const dates = [0, 1000, 2000, 3000, 4000, 5000, 5000].map((offset) => new Date(base + offset));
    for (const date of dates) {
      const event = logRecord(tenant, { id: newLogEventId(date), dateMs: date.getTime() });
      events.push(event);
      await h.store().logs.append(event);
    }
    events.sort((a, b) => (a.id < b.id ? -1 : 1));
    await h.store().logs.append(logRecord(other, { id: newLogEventId(new Date(base + 2500)), dateMs: base + 2500 }));
  });

  it('answers the events after the checkpoint, oldest first, up to take', async () => {
    expect(ids(await h.store().logs.listAfter(tenant, { from: events[1]!.id, take: 3 }))).toEqual(ids(events.slice(2, 5)));
  });

  it('walks every event exactly once when each answer’s last id is the next checkpoint', async () => {
    const seen: string[] = [];
    let from = '0'.repeat(28);
    for (;;) {
      const batch = await h.store().logs.listAfter(tenant, { from, take: 2 });
      if (batch.length === 0) break;
      seen.push(...ids(batch));
      from = batch[batch.length - 1]!.id;
    }
    expect(seen).toEqual(ids(events));
  });

  it('answers nothing after the newest event, and nothing of another tenant', async () => {
    expect(await h.store().logs.listAfter(tenant, { from: events[events.length - 1]!.id, take: 10 })).toEqual([]);
    expect(ids(await h.store().logs.listAfter(other, { from: '0'.repeat(28), take: 10 }))).toHaveLength(1);
  });

  it('accepts a checkpoint whose event is gone (swept by retention)', async () => {
    const between = newLogEventId(new Date(base + 2500));
    expect(ids(await h.store().logs.listAfter(tenant, { from: between, take: 1 }))).toEqual([events[3]!.id]);
  });
});
