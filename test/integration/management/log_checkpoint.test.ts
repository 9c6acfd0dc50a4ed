import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordLogEvent } from '../../../src/domain/log_events.js';
import type { LogEvent } from '../../../src/domain/types.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let reader: string;
const events: LogEvent[] = [];

beforeAll(async () => {
  harness = await startManagementHarness('management-log-checkpoint');
  reader = await harness.tokenWith(['read:logs']);
  const tenant = harness.tenant.name;
  // Older than the token exchange's own event, a minute apart.
  for (let minute = 0; minute < 5; minute += 1) {
    const date = new Date(Date.UTC(2026, 0, 1, 0, minute));
    events.push(await recordLogEvent(harness.store, { tenant, type: minute % 2 === 0 ? 's' : 'f', date, userId: `fitbit|U${minute}` }));
  }
});

afterAll(async () => {
  await harness.cleanup();
});

const ids = (body: unknown) => (body as Array<{ log_id: string }>).map((event) => event.log_id);

describe('GET /api/v2/logs with from and take (checkpoint paging)', () => {
  it('answers the events after from, oldest first, at most take, as a bare array', async () => {
    const response = await harness.call('get', `/logs?from=${events[0]!.id}&take=3`, reader);
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(events.slice(1, 4).map((event) => event.id));
  });

  it('ignores the other parameters, as Auth0 does (include_totals, q, page)', async () => {
    const response = await harness.call('get', `/logs?from=${events[2]!.id}&take=2&include_totals=true&q=type:s&page=3`, reader);
    expect(ids(response.body)).toEqual([events[3]!.id, events[4]!.id]);
  });

  it('lets an exporter walk every event once, continuing from the last id it got', async () => {
    const seen: string[] = [];
    let from = events[0]!.id;
    for (let round = 0; round < 10; round += 1) {
      const batch = ids((await harness.call('get', `/logs?from=${from}&take=2`, reader)).body);
      if (batch.length === 0) break;
      seen.push(...batch);
      from = batch[batch.length - 1]!;
    }
    // The four seeded events after the first, then the exchange that fetched the token (newest).
    expect(seen.slice(0, 4)).toEqual(events.slice(1).map((event) => event.id));
    expect(seen).toHaveLength(5);
  });

  it('answers 400 naming from or take when they are not a log id or out of range', async () => {
    for (const [query, property] of [
      ['from=not-a-log-id', 'from'],
      [`from=${events[0]!.id}&take=101`, 'take'],
      [`from=${events[0]!.id}&take=0`, 'take'],
      [`from=${events[0]!.id}&per_page=500`, 'per_page'],
    ] as const) {
      const refused = await harness.call('get', `/logs?${query}`, reader);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
      expect(refused.body.message).toMatch(new RegExp(`on property ${property}\\.$`));
    }
  });
});

describe('GET /api/v2/logs with search (node-auth0 v7)', () => {
  it('filters by the clauses of search, joined by spaces', async () => {
    const response = await harness.call('get', `/logs?search=${encodeURIComponent('type:f user_id:"fitbit|U3"')}`, reader);
    expect(ids(response.body)).toEqual([events[3]!.id]);
  });

  it('answers 400 naming search for a clause it cannot answer', async () => {
    const refused = await harness.call('get', `/logs?search=${encodeURIComponent('client_name:shop')}`, reader);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/on property search\.$/);
  });
});
