import { describe, expect, it, jest } from '@jest/globals';
import { recordTenantEvent, type TenantLogDeps } from '../../../../src/domain/tenant_log.js';
import type { Connection, LogEvent } from '../../../../src/domain/types.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';

/** A store whose client reads fail as in an outage (the connection's read answering or not), with a log writer that buffers. */
function storeWithoutClients(connections: 'answering' | 'down') {
  const appended: LogEvent[] = [];
  const errors: object[] = [];
  const down = async (): Promise<never> => Promise.reject(new StoreUnavailableError());
  const deps: TenantLogDeps = {
    store: {
      logs: { append: async (event) => void appended.push(event) },
      clients: { get: down },
      connections: { getByName: connections === 'down' ? down : async (_tenant, name) => ({ id: 'con_1', name, strategy: 'fitbit' }) as Connection },
    },
    logger: { error: (details) => void errors.push(details) },
  };
  return { deps, appended, errors };
}

describe('recordTenantEvent while the store cannot answer its reads', () => {
  it('appends the event with what its caller said, and logs nothing of its own', async () => {
    const { deps, appended, errors } = storeWithoutClients('down');
    await recordTenantEvent(deps, { tenant: 'acme', type: 'feccft', clientId: 'web', connection: 'fitbit', details: { error: 'temporarily_unavailable' } });
    expect(appended).toEqual([
      { id: expect.any(String), date: expect.any(String), tenant: 'acme', type: 'feccft', clientId: 'web', connection: 'fitbit', details: { error: 'temporarily_unavailable' } },
    ]);
    expect(errors).toEqual([]);
  });

  it('keeps what the read that did answer adds', async () => {
    const { deps, appended } = storeWithoutClients('answering');
    await recordTenantEvent(deps, { tenant: 'acme', type: 'f', clientId: 'web', connection: 'fitbit' });
    expect(appended).toEqual([expect.objectContaining({ clientId: 'web', connection: 'fitbit', connectionId: 'con_1', strategy: 'fitbit' })]);
    expect(appended[0]).not.toHaveProperty('clientName');
  });

  it('dates the event when it was recorded, not when the reads gave up', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T12:00:00.000Z') });
    try {
      const { deps, appended } = storeWithoutClients('down');
      // As a paused Redis: the read fails only when its command times out.
      deps.store.clients.get = () => new Promise((_resolve, reject) => setTimeout(() => reject(new StoreUnavailableError()), 1500));
      const recorded = recordTenantEvent(deps, { tenant: 'acme', type: 'feccft', clientId: 'web' });
      await jest.advanceTimersByTimeAsync(1500);
      await recorded;
      expect(appended.map((event) => event.date)).toEqual(['2026-11-21T12:00:00.000Z']);
    } finally {
      jest.useRealTimers();
    }
  });
});
