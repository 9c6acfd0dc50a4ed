import type { AppDeps } from '../app_deps.js';
import type { RemovalDeps } from '../domain/identity_removal.js';
import { recordLogEvent } from '../domain/log_events.js';
import { TokenVault } from '../domain/token_vault.js';
import { DEFAULT_TOKEN_VAULT_TIMING, type NewLogEvent } from '../domain/token_vault_deps.js';
import { metricsOf } from '../metrics/metrics.js';
import { upstreamTokenClientFor } from './upstream_token_clients.js';

/** What the Management API's handlers use, built once per app from its AppDeps. */
export interface ManagementServices {
  deps: AppDeps;
  vault: TokenVault;
  removal: RemovalDeps;
  recordEvent: (event: NewLogEvent) => Promise<void>;
}

export function createManagementServices(deps: AppDeps): ManagementServices {
  const { store, sealer, logger } = deps;
  const metrics = metricsOf(deps).vault;
  const tokenClientFor = upstreamTokenClientFor(deps);
  const recordEvent = async (event: NewLogEvent): Promise<void> => {
    await recordLogEvent(store, event);
  };
  const vault = new TokenVault({
    users: store.users,
    connections: store.connections,
    locks: store.locks,
    ephemeral: store.ephemeral,
    sealer,
    tokenClientFor,
    recordEvent,
    logger,
    metrics,
  });
  const removal: RemovalDeps = {
    users: store.users,
    connections: store.connections,
    locks: store.locks,
    sealer,
    tokenClientFor,
    logger,
    timing: DEFAULT_TOKEN_VAULT_TIMING,
    metrics,
  };
  return { deps, vault, removal, recordEvent };
}
