import { expect, it } from '@jest/globals';
import { readRecentEvents } from '../../../../src/dashboard/activity/read_recent_events.js';
import { newLogEventId } from '../../../../src/domain/log_events.js';
import type { LogCheckpoint } from '../../../../src/domain/ports.js';
import type { LogEvent } from '../../../../src/domain/types.js';
import { describeEachStore } from '../../../support/stores.js';

/**
 * The charts read the logs by date range, on either store: only events since the start of the
 * period come back, in batches, up to a bound, through listAfter alone (never a scan of the log).
 */
describeEachStore('reading recent log events for the charts', (harness) => {
  const tenant = 'activity-read';
  const since = Date.parse('2026-12-01T00:00:00.000Z');

  async function append(date: string, type = 's'): Promise<LogEvent> {
    const event: LogEvent = { tenant, id: newLogEventId(new Date(date)), date, type, clientId: 'app' };
    await harness.store().logs.append(event);
    return event;
  }

  it('returns only the events since the start, oldest first, and says the read was complete', async () => {
    await append('2026-11-30T23:59:59.999Z');
    const first = await append('2026-12-01T00:00:00.000Z');
    const second = await append('2026-12-01T08:00:00.000Z');
    await append('2026-12-01T09:00:00.000Z', 'f');
    const asked: LogCheckpoint[] = [];
    const logs = {
      listAfter: (name: string, checkpoint: LogCheckpoint) => {
        asked.push(checkpoint);
        return harness.store().logs.listAfter(name, checkpoint);
      },
    };
    const { events, complete } = await readRecentEvents(logs, tenant, since, 100);
    expect(events.map((event) => event.id).slice(0, 2)).toEqual([first.id, second.id]);
    expect(events).toHaveLength(3);
    expect(complete).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it('stops at the bound and says the period held more', async () => {
    const { events, complete } = await readRecentEvents(harness.store().logs, tenant, since, 2);
    expect(events).toHaveLength(2);
    expect(complete).toBe(false);
  });
});
