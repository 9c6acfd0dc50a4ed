import { describe, expect, it } from '@jest/globals';
import { connectionOfStrategy, connectionOfStrategyIn } from '../../../src/domain/connection_directory.js';
import type { Connection } from '../../../src/domain/types.js';

/**
 * The tenant's connection of a strategy, as every dashboard page finds it: the one named like the
 * strategy, else the first of that strategy (a tenant with two from before the one-per-strategy rule
 * shows the same one everywhere).
 */
describe('the connection of a strategy', () => {
  const of = (name: string, strategy: string) => ({ tenant: 'default', id: `con_${name}`, name, strategy }) as Connection;
  const repository = (connections: Connection[]) => ({
    getByName: async (_tenant: string, name: string) => connections.find((connection) => connection.name === name),
    list: async () => connections,
  });

  it('is the one named like the strategy, before an older one of that strategy', async () => {
    const connections = [of('fitbit-old', 'fitbit'), of('fitbit', 'fitbit')];
    expect(connectionOfStrategyIn(connections, 'fitbit')?.id).toBe('con_fitbit');
    expect((await connectionOfStrategy(repository(connections), 'default', 'fitbit'))?.id).toBe('con_fitbit');
  });

  it('is the first of the strategy when none is named like it, never one of another strategy holding that name', async () => {
    const connections = [of('acme', 'fitbit'), of('acme-lab', 'acme'), of('acme-2', 'acme')];
    expect(connectionOfStrategyIn(connections, 'acme')?.id).toBe('con_acme-lab');
    expect((await connectionOfStrategy(repository(connections), 'default', 'acme'))?.id).toBe('con_acme-lab');
  });

  it('is undefined when the tenant has none of the strategy', async () => {
    expect(connectionOfStrategyIn([of('fitbit', 'fitbit')], 'acme')).toBeUndefined();
    expect(await connectionOfStrategy(repository([of('fitbit', 'fitbit')]), 'default', 'acme')).toBeUndefined();
  });
});
