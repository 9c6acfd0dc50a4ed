import { describe, expect, it } from '@jest/globals';
import { newLogEventId, recordLogEvent } from '../../../../src/domain/log_events.js';
import type { LogEvent } from '../../../../src/domain/types.js';

function memoryLogs(): { logs: { append(event: LogEvent): Promise<void> }; appended: LogEvent[] } {
  const appended: LogEvent[] = [];
  return { logs: { append: async (event) => void appended.push(event) }, appended };
}

describe('recordLogEvent', () => {
  it('appends the event with an id and the ISO date', async () => {
    const store = memoryLogs();
    const event = await recordLogEvent(store, {
      tenant: 'acme',
      type: 's',
      date: new Date('2026-11-20T10:00:00.000Z'),
      clientId: 'web_app_client',
      clientName: 'Acme Web',
      connection: 'fitbit',
      userId: 'fitbit|GGNJL9',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      description: 'Successful login',
    });
    expect(store.appended).toEqual([event]);
    expect(event).toMatchObject({ type: 's', date: '2026-11-20T10:00:00.000Z', clientName: 'Acme Web', userId: 'fitbit|GGNJL9' });
    expect(event.id).toMatch(/^[0-9a-f]{28}$/);
  });

  it('redacts credentials in details, however deep', async () => {
    const event = await recordLogEvent(memoryLogs(), {
      tenant: 'acme',
      type: 'feacft',
      details: { code: 'abc', grant_type: 'authorization_code', request: { client_secret: 's3cret', refresh_token: 'r' } },
    });
    expect(JSON.stringify(event)).not.toMatch(/abc|s3cret|"r"/);
    expect(event.details).toEqual({ code: '[redacted]', grant_type: 'authorization_code', request: { client_secret: '[redacted]', refresh_token: '[redacted]' } });
  });

  it('rejects when the log store does, so the caller can report it', async () => {
    const failing = { logs: { append: async () => Promise.reject(new Error('store down')) } };
    await expect(recordLogEvent(failing, { tenant: 'acme', type: 'f' })).rejects.toThrow('store down');
  });

  it('makes ids that sort by time', () => {
    expect(newLogEventId(new Date(1000)) < newLogEventId(new Date(2000))).toBe(true);
  });
});
