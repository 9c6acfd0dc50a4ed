import type { RevocableTokens } from '../connections/plugin.js';
import type { ConnectionRepository, Sealer } from './ports.js';
import type { DomainLogger } from './token_vault_deps.js';
import type { Identity, UpstreamTokens } from './types.js';
import { upstreamFailureOf, type TokenClientFor } from './upstream_token_client.js';

export type RevocationOutcome = 'revoked' | 'nothing_to_revoke' | 'failed';

export interface RevocationDeps {
  connections: ConnectionRepository;
  sealer: Sealer;
  tokenClientFor: TokenClientFor;
  logger: DomainLogger;
}

/**
 * Asks the upstream to revoke an identity's grant, best effort: the caller has already removed the
 * tokens from the store, so a failure here leaves nothing usable behind in fitgate, only a grant the
 * user can still withdraw in their account. The plugin is handed every token the identity held and
 * revokes the one its upstream needs; the outcome is logged either way and returned for the audit log.
 */
export async function revokeUpstreamGrant(deps: RevocationDeps, tenant: string, identity: Identity): Promise<RevocationOutcome> {
  const sealed = identity.tokens;
  if (!sealed || (!sealed.refreshToken && !sealed.accessToken)) return 'nothing_to_revoke';
  const context = { tenant, connection: identity.connection, identity_user_id: identity.userId };
  try {
    const connection = await deps.connections.getByName(tenant, identity.connection);
    if (!connection) throw new Error(`connection ${identity.connection} no longer exists`);
    const client = await deps.tokenClientFor(connection, identity.api);
    await client.revoke(openedTokens(deps.sealer, sealed));
    deps.logger.info(context, 'upstream grant revoked');
    return 'revoked';
  } catch (error) {
    const failure = upstreamFailureOf(error);
    deps.logger.warn({ ...context, kind: failure.kind, upstream: failure.message }, 'upstream grant revocation failed');
    return 'failed';
  }
}

/** The tokens in clear, for the plugin's revoke: only the ones held. */
export function openedTokens(sealer: Pick<Sealer, 'open'>, sealed: Pick<UpstreamTokens, 'accessToken' | 'refreshToken'>): RevocableTokens {
  return {
    accessToken: sealer.open(sealed.accessToken),
    ...(sealed.refreshToken !== undefined && { refreshToken: sealer.open(sealed.refreshToken) }),
  };
}
