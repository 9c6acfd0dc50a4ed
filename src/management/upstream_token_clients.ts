import type { AppDeps } from '../app_deps.js';
import { resolveUpstream } from '../upstream/resolve_upstream.js';
import { tenantUrl } from '../domain/tenants.js';
import type { Connection } from '../domain/types.js';
import type { TokenClientFor, UpstreamTokenClient } from '../domain/upstream_token_client.js';

/**
 * The plugin token client of a connection, reaching the same upstream a login through it reaches
 * (real, FITGATE_UPSTREAM_BASE_URL's emulator, or the sandbox), with its credentials opened.
 */
export function upstreamTokenClientFor(deps: AppDeps): TokenClientFor {
  return async (connection: Connection): Promise<UpstreamTokenClient> => {
    const upstream = resolveUpstream(deps, connection, tenantUrl(deps.config, connection.tenant));
    return upstream.plugin.createTokenClient(upstream.client);
  };
}
