import type { TokenClientFor } from '../domain/upstream_token_client.js';
import { TokenUnavailableError } from '../domain/vault_errors.js';
import type { Connection } from '../domain/types.js';
import type { UpstreamResolver } from './resolve_upstream.js';
import { ConnectionNotConfiguredError, ConnectionSecretUnreadableError, NoPluginError } from './resolver_errors.js';

/**
 * The resolver's token clients as the token vault takes them (src/services.ts binds it): its
 * refusals in the vault's words. Each is a VaultFailure naming the administrator's remedy, so a
 * reader of the identity's token is told what is wrong (GET /users/{id} shows it as that identity's
 * access_token_error) and nothing else fails with it; a login, which resolves its own way, still
 * answers them as before. Tokens of an API the connection moved away from stay the resolver's
 * CredentialsForOtherApiError, which the vault reads as api_changed.
 */
export function vaultTokenClients(upstreams: Pick<UpstreamResolver, 'tokenClientFor'>): TokenClientFor {
  return async (connection, api) => {
    try {
      return await upstreams.tokenClientFor(connection, api);
    } catch (error) {
      throw vaultRefusalOf(error, connection) ?? error;
    }
  };
}

function vaultRefusalOf(error: unknown, connection: Connection): TokenUnavailableError | undefined {
  const unrefreshable = `Until then the ${connection.name} tokens cannot be refreshed.`;
  if (error instanceof ConnectionNotConfiguredError || error instanceof NoPluginError) {
    // The resolver's message names what to set (a Client ID, another API) or the plugin missing.
    return new TokenUnavailableError('connection_not_configured', `${error.message} ${unrefreshable}`, { cause: error });
  }
  if (error instanceof ConnectionSecretUnreadableError) {
    // As `reseal --forget-lost` and TRY put it (docs/operations.md): only entering it again helps.
    return new TokenUnavailableError(
      'client_secret_unreadable',
      `fitgate cannot open the client secret stored for the ${connection.name} connection: it was sealed under a master key that ` +
        "FITGATE_MASTER_KEY no longer lists, or the stored value is damaged. An administrator must enter the connection's client secret " +
        `again (dashboard, or PATCH /api/v2/connections/{id} with options.client_secret). ${unrefreshable}`,
      { cause: error },
    );
  }
  return undefined;
}
