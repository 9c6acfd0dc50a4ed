import type { AppDeps } from './app_deps.js';
import { backchannelLogoutEverywhere } from './authn/login/backchannel_logout_everywhere.js';
import { deleteConnection, type ConnectionRemoval } from './domain/connection_removal.js';
import { endUserSessions, type SessionEndPlace } from './domain/ended_sessions.js';
import { deleteUserAndRevoke, unlinkIdentityAndRevoke, type RemovalDeps, type RevocationReport } from './domain/identity_removal.js';
import type { IdentityRef } from './domain/stored_identity.js';
import { recordTenantEvent, type RecordEvent } from './domain/tenant_log.js';
import { TokenVault } from './domain/token_vault.js';
import { changeUser } from './domain/user_changes.js';
import { DEFAULT_TOKEN_VAULT_TIMING } from './domain/token_vault_deps.js';
import type { User } from './domain/types.js';
import { grantRevoker, type RevokeGrant } from './domain/upstream_revocation.js';
import type { TokenClientFor } from './domain/upstream_token_client.js';
import { metricsOf } from './metrics/metrics.js';
import { createUpstreamResolver, type UpstreamResolver } from './upstream/resolve_upstream.js';
import { vaultTokenClients } from './upstream/vault_token_clients.js';

/**
 * The shared services, built once per app by app.ts from its AppDeps and handed to the routes that
 * use them. Routes never build one themselves, so every login, TRY, Management call and dashboard
 * page reaches an upstream the same way (and through the same caches and metrics). Each is an
 * operation bound here to what it needs: a route calls it, and never assembles its dependencies.
 */
export interface Services {
  /** Connection → its upstream (real, FITGATE_UPSTREAM_BASE_URL's emulator, or the sandbox). */
  readonly upstreams: UpstreamResolver;
  /** Users' stored upstream tokens, refreshed when due. */
  readonly vault: TokenVault;
  /** Revokes a stored grant at the upstream, best effort (a login's, of the API it moved the user off). */
  readonly revokeGrant: RevokeGrant;
  /** Deletes a user, then revokes its upstream grants (domain/identity_removal.ts); undefined when there was no such user. */
  readonly removeUser: (tenant: string, userId: string) => Promise<RevocationReport | undefined>;
  /** Unlinks an identity from its user, then revokes its upstream grant (domain/identity_removal.ts). */
  readonly unlinkIdentity: (ref: IdentityRef) => Promise<{ user: User; revocations: RevocationReport }>;
  /** Deletes a connection and the users that came through it (domain/connection_removal.ts); undefined when there was none. */
  readonly deleteConnection: (tenant: string, id: string) => Promise<ConnectionRemoval | undefined>;
  /** Ends every browser session of a user and tells the applications (domain/ended_sessions.ts). */
  readonly endUserSessions: (place: SessionEndPlace, userId: string) => Promise<User>;
  /**
   * Changes a user as an administrator does (PATCH /api/v2/users/{id}, the dashboard's Block /
   * Unblock): a change that blocks them ends their sessions and tells the applications (domain/user_changes.ts).
   */
  readonly changeUser: (place: SessionEndPlace, userId: string, change: (current: User, now: Date) => User) => Promise<User>;
  /** Records an event in its tenant's log, with the stored facts, best effort (domain/tenant_log.ts). */
  readonly recordEvent: RecordEvent;
}

export function createServices(deps: AppDeps): Services {
  const { store, sealer, logger } = deps;
  const metrics = metricsOf(deps).vault;
  // Refresh and removal take the same identity lock (identity_lock.ts): they wait for it alike.
  const timing = DEFAULT_TOKEN_VAULT_TIMING;
  const upstreams = createUpstreamResolver(deps);
  const tokenClientFor: TokenClientFor = (connection, api) => upstreams.tokenClientFor(connection, api);
  const revocation = { sealer, tokenClientFor, logger };
  const recordEvent: RecordEvent = (event) => recordTenantEvent({ store, logger }, event);
  const vault = new TokenVault({
    users: store.users,
    connections: store.connections,
    locks: store.locks,
    ephemeral: store.ephemeral,
    sealer,
    // The resolver's refusals as the vault's failures: a reader of one identity's token is told, not failed.
    tokenClientFor: vaultTokenClients(upstreams),
    recordEvent,
    logger,
    timing,
    metrics,
    ...(deps.background && { background: (work: Promise<unknown>) => deps.background?.track(work) }),
  });
  const removal: RemovalDeps = { ...revocation, users: store.users, connections: store.connections, locks: store.locks, timing, metrics };
  // One announcer for both ways sessions end (DELETE .../sessions and a block), so it merges them alike.
  const sessionEnds = { users: store.users, tellApplications: backchannelLogoutEverywhere(deps) };
  return {
    upstreams,
    vault,
    revokeGrant: grantRevoker(revocation),
    removeUser: (tenant, userId) => deleteUserAndRevoke(removal, tenant, userId),
    unlinkIdentity: (ref) => unlinkIdentityAndRevoke(removal, ref),
    deleteConnection: (tenant, id) => deleteConnection({ connections: store.connections, removal }, tenant, id),
    endUserSessions: (place, userId) => endUserSessions(sessionEnds, place, userId),
    changeUser: (place, userId, change) => changeUser(sessionEnds, place, userId, change),
    recordEvent,
  };
}
