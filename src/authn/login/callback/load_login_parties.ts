import type { Client, Connection } from '../../../domain/types.js';
import type { Store } from '../../../store/store.js';
import type { LoginTransaction } from '../login_transaction.js';

/** The client and connection a login transaction names, as they are now (either may have gone since /authorize). */
export async function loadLoginParties(
  store: Pick<Store, 'clients' | 'connections'>,
  transaction: LoginTransaction,
): Promise<{ client: Client | undefined; connection: Connection | undefined }> {
  const [client, connection] = await Promise.all([
    store.clients.get(transaction.tenant, transaction.clientId),
    store.connections.getByName(transaction.tenant, transaction.connection),
  ]);
  return { client, connection };
}
