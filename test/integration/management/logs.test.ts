import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordLogEvent } from '../../../src/domain/log_events.js';
import type { LogEvent } from '../../../src/domain/types.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let reader: string;
let login: LogEvent;

beforeAll(async () => {
  harness = await startManagementHarness('management-logs');
  // Fetch the token first: its client_credentials exchange writes an event of its own.
  reader = await harness.tokenWith(['read:logs']);
  const tenant = harness.tenant.name;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 12, minute));
  login = await recordLogEvent(harness.store, {
    tenant,
    type: 's',
    date: at(1),
    description: 'Successful login',
    clientId: 'app-1',
    clientName: 'Web shop',
    connection: 'fitbit',
    userId: 'fitbit|AAA111',
    userName: 'Ada',
    ip: '203.0.113.7',
    userAgent: 'curl/8',
  });
  await recordLogEvent(harness.store, { tenant, type: 'f', date: at(2), description: 'Wrong state', userId: 'fitbit|AAA111' });
  await recordLogEvent(harness.store, { tenant, type: 's', date: at(3), description: 'Successful login', userId: 'fitbit|BBB222' });
  await harness.store.users.create({
    tenant,
    userId: 'fitbit|AAA111',
    identities: [],
    loginsCount: 1,
    createdAt: at(0).toISOString(),
    updatedAt: at(0).toISOString(),
  });
});

afterAll(async () => {
  await harness.cleanup();
});

const ids = (body: unknown) => (body as Array<{ log_id: string }>).map((event) => event.log_id);

describe('/api/v2/logs', () => {
  it('shows an event in Auth0’s shape', async () => {
    const response = await harness.call('get', `/logs/${login.id}`, reader);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      log_id: login.id,
      date: '2026-11-21T12:01:00.000Z',
      type: 's',
      description: 'Successful login',
      client_id: 'app-1',
      client_name: 'Web shop',
      connection: 'fitbit',
      user_id: 'fitbit|AAA111',
      user_name: 'Ada',
      ip: '203.0.113.7',
      user_agent: 'curl/8',
    });
  });

  it('filters by type and user, as parameters or as Auth0’s q clauses', async () => {
    const byType = await harness.call('get', '/logs?type=s', reader);
    const byQuery = await harness.call('get', '/logs?q=type%3As', reader);
    expect(ids(byType.body)).toHaveLength(2);
    expect(ids(byQuery.body)).toEqual(ids(byType.body));

    const both = await harness.call('get', `/logs?q=${encodeURIComponent('type:s AND user_id:"fitbit|AAA111"')}`, reader);
    expect(ids(both.body)).toEqual([login.id]);

    const userLogs = await harness.call('get', '/users/fitbit%7CAAA111/logs?include_totals=true', reader);
    expect(userLogs.body).toMatchObject({ total: 2, length: 2 });
  });

  it('lists newest first, a page at a time', async () => {
    const page = await harness.call('get', '/logs?user_id=fitbit%7CAAA111&per_page=1&page=1&include_totals=true', reader);
    expect(page.body).toMatchObject({ start: 1, limit: 1, length: 1, total: 2, logs: [{ log_id: login.id }] });
  });

  it('lists oldest first with sort=date:1, on /logs and a user’s logs, and refuses any other sort naming sort', async () => {
    const newestFirst = ids((await harness.call('get', '/logs?user_id=fitbit%7CAAA111&sort=date:-1', reader)).body);
    const oldestFirst = ids((await harness.call('get', '/logs?user_id=fitbit%7CAAA111&sort=date:1', reader)).body);
    expect(oldestFirst[0]).toBe(login.id);
    expect(oldestFirst).toEqual([...newestFirst].reverse());
    const userLogs = await harness.call('get', '/users/fitbit%7CAAA111/logs?sort=date:1&per_page=1', reader);
    expect(ids(userLogs.body)).toEqual([login.id]);

    for (const path of ['/logs?sort=type:1', '/users/fitbit%7CAAA111/logs?sort=date']) {
      const refused = await harness.call('get', path, reader);
      expect({ path, status: refused.status }).toEqual({ path, status: 400 });
      expect(refused.body.message).toMatch(/Supported: date:-1 \(newest first, the default\) and date:1 \(oldest first\)' on property sort\.$/);
    }
  });

  it('narrows each event with fields and include_fields', async () => {
    const kept = await harness.call('get', `/logs?user_id=fitbit%7CBBB222&fields=log_id,type`, reader);
    expect(kept.body).toEqual([{ log_id: expect.any(String), type: 's' }]);
    const dropped = await harness.call('get', `/logs?q=${encodeURIComponent('user_id:"fitbit|AAA111" AND type:s')}&fields=details,ip,user_agent&include_fields=false`, reader);
    expect(dropped.body).toHaveLength(1);
    expect(dropped.body[0]).toMatchObject({ log_id: login.id, client_name: 'Web shop' });
    for (const left of ['ip', 'user_agent']) expect(dropped.body[0]).not.toHaveProperty(left);
  });

  it('refuses a parameter it does not know, on /logs and a user’s logs, instead of ignoring it', async () => {
    for (const [path, name] of [
      ['/logs?type=s&client_id=app-1', 'client_id'],
      ['/users/fitbit%7CAAA111/logs?fields=type', 'fields'],
    ] as const) {
      const refused = await harness.call('get', path, reader);
      expect({ path, status: refused.status }).toEqual({ path, status: 400 });
      expect(refused.body).toMatchObject({ errorCode: 'invalid_query_string', message: `Query validation error: 'Additional properties not allowed: ${name}'.` });
    }
  });

  it('refuses a q clause it cannot answer, naming q', async () => {
    const response = await harness.call('get', `/logs?q=${encodeURIComponent('ip:203.0.113.7')}`, reader);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_query_string' });
    expect(response.body.message).toMatch(/on property q/);
  });

  it('answers 404 for an unknown event and for the logs of an unknown user', async () => {
    expect((await harness.call('get', '/logs/nope', reader)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_log' });
    expect((await harness.call('get', '/users/fitbit%7CNOBODY/logs', reader)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_user' });
  });
});
