import { describe, expect, it } from '@jest/globals';
import { recordTenantEvent, type TenantLogDeps } from '../../../../src/domain/tenant_log.js';
import type { Client, Connection, LogEvent } from '../../../../src/domain/types.js';

/** A store of one client and one connection of tenant "acme", counting the reads the writer makes. */
function tenantLog(append: (event: LogEvent) => Promise<void> = async () => undefined) {
  const appended: LogEvent[] = [];
  const reads: string[] = [];
  const errors: object[] = [];
  const deps: TenantLogDeps = {
    store: {
      logs: { append: async (event) => { await append(event); appended.push(event); } },
      clients: { get: async (tenant, clientId) => { reads.push(`client ${clientId}`); return tenant === 'acme' && clientId === 'web' ? ({ name: 'Acme Web' } as Client) : undefined; } },
      connections: {
        getByName: async (tenant, name) => {
          reads.push(`connection ${name}`);
          return tenant === 'acme' && name === 'fitbit' ? ({ id: 'con_1', name, strategy: 'fitbit' } as Connection) : undefined;
        },
      },
    },
    logger: { error: (details) => void errors.push(details) },
  };
  return { deps, appended, reads, errors };
}

describe('recordTenantEvent, the one writer of the tenants’ logs', () => {
  it('adds the stored facts of the client and the connection an event names', async () => {
    const { deps, appended } = tenantLog();
    await recordTenantEvent(deps, { tenant: 'acme', type: 'fertft', connection: 'fitbit', clientId: 'web', userId: 'fitbit|A' });
    expect(appended).toEqual([
      expect.objectContaining({ clientName: 'Acme Web', connection: 'fitbit', connectionId: 'con_1', strategy: 'fitbit', strategyType: 'social' }),
    ]);
  });

  it('reads nothing the event already carries, and nothing for an event naming neither', async () => {
    const { deps, reads } = tenantLog();
    await recordTenantEvent(deps, { tenant: 'acme', type: 's', clientId: 'web', clientName: 'Acme Web', connection: 'fitbit', connectionId: 'con_1', strategy: 'fitbit', strategyType: 'social' });
    await recordTenantEvent(deps, { tenant: 'acme', type: 'scp', userName: 'admin@acme.example' });
    expect(reads).toEqual([]);
  });

  it('resolves when the log store fails, reporting it in one error line', async () => {
    const failure = new Error('log store down');
    const { deps, errors } = tenantLog(async () => Promise.reject(failure));
    await expect(recordTenantEvent(deps, { tenant: 'acme', type: 'sapi' })).resolves.toBeUndefined();
    expect(errors).toEqual([{ err: failure, tenant: 'acme', type: 'sapi' }]);
  });
});
