import { connectionOfStrategy } from '../../domain/connection_directory.js';
import type { Connection } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * The dashboard shows one connection per plugin under Authentication → Social, the way Auth0 does:
 * the tenant's connection of that strategy (domain/connection_directory.ts, which keeps one per
 * strategy on every surface and picks the one named like the strategy in a tenant with two from
 * before that rule). Undefined until the admin saves its settings once.
 */
export async function findSocialConnection(store: Store, tenant: string, strategy: string): Promise<Connection | undefined> {
  return connectionOfStrategy(store.connections, tenant, strategy);
}
