import type { ConnectionPlugin } from '../../connections/plugin.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';

/**
 * The ticked permissions the connection's API asks its upstream for. One the API has no upstream
 * scope for (left ticked from another API: switching API moves no checkbox) is sent nowhere, so a
 * TRY neither counts it as asked nor reports the user as refusing it.
 */
export function requestedPermissions(plugin: Pick<ConnectionPlugin, 'apis' | 'permissions'> | undefined, api: string, ticked: readonly string[]): string[] {
  // No plugin, or an API it no longer offers: resolving the upstream refuses the TRY with the reason.
  if (!plugin || !offeredApi(plugin, api)) return [...ticked];
  const requested = new Set(plugin.permissions(api).filter((permission) => permission.upstreamScopes.length > 0).map((permission) => permission.name));
  return ticked.filter((name) => requested.has(name));
}
