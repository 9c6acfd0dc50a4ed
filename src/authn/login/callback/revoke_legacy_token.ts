import type { Logger } from 'pino';
import type { Sealer } from '../../../domain/ports.js';
import { openedTokens } from '../../../domain/upstream_revocation.js';
import type { Connection } from '../../../domain/types.js';
import type { LoginResult } from '../../../domain/users.js';
import type { PluginTokenClient } from '../../../connections/plugin.js';

export interface RevokeLegacyTokenDeps {
  sealer: Pick<Sealer, 'open'>;
  logger: Pick<Logger, 'warn'>;
  tokenClientFor: (connection: Connection, api: string) => Promise<Pick<PluginTokenClient, 'revoke'>>;
}

/**
 * After a login that moved the user off a legacy upstream (recordLogin has saved the new tokens by
 * now), revokes the legacy grant at the upstream its identity names. Best effort: a failure is
 * logged and never fails the login. True when the upstream accepted the revocation.
 */
export async function revokeLegacyToken(deps: RevokeLegacyTokenDeps, connection: Connection, result: LoginResult): Promise<boolean> {
  const legacy = result.migration?.revoke;
  if (!legacy) return false;
  try {
    const client = await deps.tokenClientFor(connection, legacy.api);
    await client.revoke(openedTokens(deps.sealer, legacy.sealedTokens));
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, userId: result.user.userId, api: legacy.api }, 'could not revoke the legacy token after migration');
    return false;
  }
}
