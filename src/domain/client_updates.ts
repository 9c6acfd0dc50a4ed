import type { ClientRepository } from './ports.js';
import { changeStored } from './record_revisions.js';
import type { Client } from './types.js';

/**
 * Every change to a stored client (application) comes through here: a secret rotation, a grant
 * saved or revoked, a settings save, a PATCH. Reads the client as stored (never the process's
 * cache, which another worker's write reaches only after a moment), applies `change` and stores the
 * result at the revision it read; when another write landed in between (StaleRecordError), reads
 * again and applies `change` to that, so both writes count: a settings save on one worker right
 * after a rotation on another keeps the new secret.
 *
 * `change` states what it does to whatever record is current, may run several times and must only
 * compute (it may throw to refuse: nothing is written); it returns `current` itself to write
 * nothing. Resolves with the client as stored. Throws NotFoundInStoreError when there is no such
 * client, RecordBusyError when the retries ran out.
 */
export async function updateClient(
  clients: Pick<ClientRepository, 'getStored' | 'update'>,
  tenant: string,
  clientId: string,
  change: (current: Client) => Client,
): Promise<Client> {
  return changeStored(`client ${clientId}`, () => clients.getStored(tenant, clientId), (client) => clients.update(client), change);
}
