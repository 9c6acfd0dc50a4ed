import type { AppDeps } from '../app_deps.js';
import type { Connection } from '../domain/types.js';
import type { TokenClientFor, UpstreamTokenClient } from '../domain/upstream_token_client.js';
import { ConflictError } from '../errors/index.js';

/** Upstream calls made for the vault give up after this long; the refresh lock outlives it. */
const UPSTREAM_TIMEOUT_MS = 10_000;

/** The plugin token client of a connection, with its credentials opened. */
export function upstreamTokenClientFor(deps: AppDeps): TokenClientFor {
  return async (connection: Connection): Promise<UpstreamTokenClient> => {
    const plugin = deps.plugins.get(connection.strategy);
    if (!plugin) throw new ConflictError(`No plugin serves the ${connection.strategy} strategy.`, 'unsupported_strategy');
    const { clientId, clientSecret, api } = connection.options;
    if (!clientId) throw new ConflictError(`The connection ${connection.name} has no upstream client id.`, 'connection_not_configured');
    return plugin.createTokenClient({
      api,
      clientID: clientId,
      ...(clientSecret ? { clientSecret: deps.sealer.open(clientSecret) } : {}),
      ...(deps.config.upstreamBaseUrl ? { upstreamBaseUrl: deps.config.upstreamBaseUrl } : {}),
      timeoutMs: UPSTREAM_TIMEOUT_MS,
    });
  };
}
