import type { AppDeps } from './app_deps.js';
import { startBackchannelLogoutEverywhere } from './authn/login/backchannel_logout_everywhere.js';
import type { SessionEndDeps } from './domain/ended_sessions.js';
import type { RemovalDeps } from './domain/identity_removal.js';
import { recordLogEvent } from './domain/log_events.js';
import { TokenVault } from './domain/token_vault.js';
import { DEFAULT_TOKEN_VAULT_TIMING, type NewLogEvent } from './domain/token_vault_deps.js';
import type { SealedGrantRevocationDeps } from './domain/upstream_revocation.js';
import type { TokenClientFor } from './domain/upstream_token_client.js';
import { emulatorPlays } from './emulator/sandbox_apps.js';
import { metricsOf } from './metrics/metrics.js';
import { createUpstreamResolver, type UpstreamResolver } from './upstream/resolve_upstream.js';

/**
 * The shared services, built once per app by app.ts from its AppDeps and handed to the routes that
 * use them. Routes never build one themselves, so every login, TRY, Management call and dashboard
 * page reaches an upstream the same way (and through the same caches and metrics).
 */
export interface Services {
  /** Connection → its upstream (real, FITGATE_UPSTREAM_BASE_URL's emulator, or the sandbox). */
  readonly upstreams: UpstreamResolver;
  /** Users' stored upstream tokens, refreshed when due. */
  readonly vault: TokenVault;
  /** What deleting a user or unlinking an identity needs (it revokes the upstream tokens). */
  readonly removal: RemovalDeps;
  /** What revoking a stored grant needs: a login's of the API it moved the user off, as the removals' own. */
  readonly revoker: SealedGrantRevocationDeps;
  /** Records an event in the tenant's log (Auth0's log events). */
  readonly recordEvent: (event: NewLogEvent) => Promise<void>;
  /** What ending a user's browser sessions needs (the API's, the dashboard's, a block's): the back-channel logout it sends. */
  readonly sessionEnds: SessionEndDeps;
}

export function createServices(deps: AppDeps): Services {
  const { store, sealer, logger } = deps;
  const metrics = metricsOf(deps).vault;
  // FITGATE_UPSTREAM_BASE_URL points at this same emulator, run apart: it plays what the sandbox plays.
  const upstreams = createUpstreamResolver({ ...deps, emulated: { plays: emulatorPlays } });
  const tokenClientFor: TokenClientFor = (connection, api) => upstreams.tokenClientFor(connection, api);
  const revoker: SealedGrantRevocationDeps = { sealer, tokenClientFor, logger };
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
    ...(deps.background && { background: (work: Promise<unknown>) => deps.background?.track(work) }),
  });
  const removal: RemovalDeps = {
    ...revoker,
    users: store.users,
    connections: store.connections,
    locks: store.locks,
    timing: DEFAULT_TOKEN_VAULT_TIMING,
    metrics,
  };
  const sessionEnds: SessionEndDeps = {
    users: store.users,
    tellApplications: (place, userId) => startBackchannelLogoutEverywhere(deps, place, userId),
  };
  return { upstreams, vault, removal, revoker, recordEvent, sessionEnds };
}
