import type { RevocableTokens } from '../connections/plugin.js';
import type { ConnectionRepository, Sealer } from './ports.js';
import type { DomainLogger } from './token_vault_deps.js';
import type { Connection, Identity, UpstreamTokens } from './types.js';
import { upstreamFailureOf, type TokenClientFor } from './upstream_token_client.js';

export type RevocationOutcome = 'revoked' | 'nothing_to_revoke' | 'failed';

/** What revoking an identity's grant needs: what revoking any stored grant needs, and the connections that issued it. */
export type RevocationDeps = SealedGrantRevocationDeps & { connections: ConnectionRepository };

/**
 * Asks the upstream to revoke an identity's grant, best effort: the caller has already removed the
 * tokens from the store, so a failure here leaves nothing usable behind in fitgate, only a grant the
 * user can still withdraw in their account. The outcome is returned for the audit log.
 */
export async function revokeUpstreamGrant(deps: RevocationDeps, tenant: string, identity: Identity): Promise<RevocationOutcome> {
  const sealed = identity.tokens;
  if (!sealed || (!sealed.refreshToken && !sealed.accessToken)) return 'nothing_to_revoke';
  const connectionOf = async (): Promise<Connection> => {
    const connection = await deps.connections.getByName(tenant, identity.connection);
    if (!connection) throw new Error(`connection ${identity.connection} no longer exists`);
    return connection;
  };
  const context = { tenant, connection: identity.connection, identity_user_id: identity.userId };
  return (await revokeSealedGrant(deps, connectionOf, { api: identity.api, sealedTokens: sealed, upstreamUserId: identity.userId }, context)) ? 'revoked' : 'failed';
}

/**
 * A grant's tokens as the store holds them (sealed), and the API of the connection's that issued
 * them; `expiresAt` (the access token's) reaches the plugin when known, for an upstream that revokes
 * with a live access token only, and so does the user's id at that API (the identity's userId), for
 * one whose revocation names the user.
 */
export interface SealedGrant {
  api: string;
  sealedTokens: SealedGrantTokens;
  upstreamUserId?: string | undefined;
}

type SealedGrantTokens = Pick<UpstreamTokens, 'accessToken' | 'refreshToken'> & Partial<Pick<UpstreamTokens, 'expiresAt'>>;

/** What revoking one sealed grant needs. */
export type SealedGrantRevocationDeps = {
  sealer: Pick<Sealer, 'open'>;
  tokenClientFor: TokenClientFor;
  logger: Pick<DomainLogger, 'info' | 'warn'>;
};

/**
 * The one way fitgate revokes stored upstream tokens (a removed user or identity, the grant of the
 * API a login moved the user off): the plugin of `connectionOf`'s connection is handed every token
 * of the grant, opened, at the API that issued them, and revokes the one its upstream needs. Best
 * effort: never throws; the outcome is logged with `context` (a failure by its kind and the
 * upstream's words) and true when the upstream accepted.
 */
export async function revokeSealedGrant(
  deps: SealedGrantRevocationDeps,
  connectionOf: () => Promise<Connection>,
  grant: SealedGrant,
  context: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  try {
    const client = await deps.tokenClientFor(await connectionOf(), grant.api);
    await client.revoke(openedTokens(deps.sealer, grant));
    deps.logger.info({ ...context, api: grant.api }, 'upstream grant revoked');
    return true;
  } catch (error) {
    const failure = upstreamFailureOf(error);
    deps.logger.warn({ ...context, api: grant.api, kind: failure.kind, upstream: failure.message }, 'upstream grant revocation failed');
    return false;
  }
}

/** Revokes one stored grant of `connection` (revokeSealedGrant); never throws, true when the upstream accepted. */
export type RevokeGrant = (connection: Connection, grant: SealedGrant, context: Readonly<Record<string, unknown>>) => Promise<boolean>;

/** revokeSealedGrant bound to what it needs, for a caller that holds the connection already. */
export function grantRevoker(deps: SealedGrantRevocationDeps): RevokeGrant {
  return (connection, grant, context) => revokeSealedGrant(deps, async () => connection, grant, context);
}

/** The tokens in clear, for the plugin's revoke: only the ones held, the access token's expiry and the user's upstream id when known. */
function openedTokens(sealer: Pick<Sealer, 'open'>, { sealedTokens: sealed, upstreamUserId }: SealedGrant): RevocableTokens {
  return {
    accessToken: sealer.open(sealed.accessToken),
    ...(sealed.refreshToken !== undefined && { refreshToken: sealer.open(sealed.refreshToken) }),
    ...(sealed.expiresAt !== undefined && { accessTokenExpiresAt: sealed.expiresAt }),
    ...(upstreamUserId !== undefined && { upstreamUserId }),
  };
}
