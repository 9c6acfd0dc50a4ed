import type { Connection } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * The dashboard shows one connection per plugin under Authentication → Social, the way Auth0 does:
 * the tenant's connection named like the strategy ("fitbit"), or else its first of that strategy
 * (the Management API may create more). Undefined until the admin saves its settings once.
 */
export async function findSocialConnection(store: Store, tenant: string, strategy: string): Promise<Connection | undefined> {
  const named = await store.connections.getByName(tenant, strategy);
  if (named?.strategy === strategy) return named;
  return (await store.connections.list(tenant)).find((connection) => connection.strategy === strategy);
}
