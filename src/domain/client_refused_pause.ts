import type { EphemeralStore } from './ports.js';
import type { Connection } from './types.js';

/**
 * Remembers, in the shared store, that the upstream refused a connection's own client credentials
 * when the vault refreshed a token (invalid_client: a wrong or rotated secret, a deleted client).
 * That refusal holds for every identity of the connection until an administrator changes its
 * settings, so for a while every instance answers readers of the connection's tokens at once,
 * without calling the upstream: one refused call per connection and pause, instead of one per read
 * (a sync job reading all its users would otherwise send the upstream a doomed refresh for each).
 *
 * Kept with the upstream back-offs (same record kind, keys that cannot meet an identity's), for the
 * same reason and lifetime. The record names the connection version it was refused for (its
 * updatedAt), so saving new credentials lifts it at once; otherwise it ends after the pause, and
 * the next refresh tries again (a secret put back upstream is noticed within a minute).
 */
export const CLIENT_REFUSED_PAUSE_SECONDS = 60;

interface RefusedClient {
  /** The connection's updatedAt when the upstream refused its client. */
  version: string;
}

function keyOf(connection: Connection): string {
  return ['client_refused', connection.tenant, connection.name].map(encodeURIComponent).join(':');
}

/** Whether the upstream refused this version of the connection's client within the pause. */
export async function clientRefusedRecently(ephemeral: EphemeralStore, connection: Connection): Promise<boolean> {
  const refused = await ephemeral.get<RefusedClient>('upstream_backoff', keyOf(connection));
  return refused?.version === connection.updatedAt;
}

export async function rememberRefusedClient(ephemeral: EphemeralStore, connection: Connection): Promise<void> {
  await ephemeral.put<RefusedClient>('upstream_backoff', keyOf(connection), { version: connection.updatedAt }, CLIENT_REFUSED_PAUSE_SECONDS);
}

