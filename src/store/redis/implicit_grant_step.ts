import { updateClient } from '../../domain/client_updates.js';
import { withImplicitGrant } from '../../domain/clients.js';
import type { RedisStore } from './redis_store.js';

const PAGE = 100;

/**
 * The Redis side of the implicit grant's data step (../sqlite/implicit_grant_migration.ts says why):
 * every stored client gets withImplicitGrant, once per store. The step is idempotent, so two
 * processes starting at once may both run it; the key marking it done is set only after the last
 * client, so a start interrupted half-way runs it again. Answers how many clients changed.
 */
export async function grantImplicitToStoredClients(store: RedisStore): Promise<number> {
  const done = store.keys.dataStepDone('implicit_grant');
  if ((await store.client.exists(done)) === 1) return 0;
  let changed = 0;
  for (const tenant of await store.tenants.list()) {
    for (let page = 0; ; page++) {
      const { items } = await store.clients.list(tenant.name, { page, perPage: PAGE });
      for (const client of items) {
        if (!withImplicitGrant(client)) continue;
        // Applied to the client as stored: an admin's change made meanwhile (another instance already serving) is kept.
        await updateClient(store.clients, client.tenant, client.clientId, (current) => withImplicitGrant(current) ?? current);
        changed++;
      }
      if (items.length < PAGE) break;
    }
  }
  await store.client.set(done, new Date().toISOString());
  return changed;
}
