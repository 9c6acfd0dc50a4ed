import type { Connection, ConnectionOptions, Sealed } from '../../src/domain/types.js';

/**
 * A connection of tenant "acme" as the store returns it, named after its strategy; `credentials`
 * adds a Client ID and a "sealed" secret the tests' sealer opens to its own text.
 */
export function connectionRecord(strategy: string, api: string, { credentials = true, scope = ['steps'] }: { credentials?: boolean; scope?: string[] } = {}): Connection {
  const options: ConnectionOptions = { api, scope, profileSync: 'on_each_login' };
  return {
    tenant: 'acme',
    id: `con_${strategy}`,
    name: strategy,
    strategy,
    options: credentials ? { ...options, clientId: `${strategy}-client`, clientSecret: 'sealed' as unknown as Sealed } : options,
    enabledClients: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}
