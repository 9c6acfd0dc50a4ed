import type { ConnectionRepository, Sealer } from './ports.js';
import type { DomainLogger } from './token_vault_deps.js';
import type { Identity } from './types.js';
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
 * user can still withdraw in their account. The refresh token is preferred because revoking it ends
 * the whole grant at both upstreams; the outcome is logged either way and returned for the audit log.
 */
export async function revokeUpstreamGrant(deps: RevocationDeps, tenant: string, identity: Identity): Promise<RevocationOutcome> {
  const sealed = identity.tokens?.refreshToken ?? identity.tokens?.accessToken;
  if (!sealed) return 'nothing_to_revoke';
  const context = { tenant, connection: identity.connection, identity_user_id: identity.userId };
  try {
    const connection = await deps.connections.getByName(tenant, identity.connection);
    if (!connection) throw new Error(`connection ${identity.connection} no longer exists`);
    const client = await deps.tokenClientFor(connection, identity.api);
    await client.revoke(deps.sealer.open(sealed));
    deps.logger.info(context, 'upstream grant revoked');
    return 'revoked';
  } catch (error) {
    const failure = upstreamFailureOf(error);
    deps.logger.warn({ ...context, kind: failure.kind, upstream: failure.message }, 'upstream grant revocation failed');
    return 'failed';
  }
}
