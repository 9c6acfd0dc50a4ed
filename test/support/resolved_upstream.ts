import type { Strategy } from 'passport';
import type { ConnectionPlugin } from '../../src/connections/plugin.js';
import type { Connection } from '../../src/domain/types.js';
import type { ResolvedUpstream, UpstreamResolver } from '../../src/upstream/resolve_upstream.js';

/**
 * The upstream a login through `connection` from `tenantUrl` reaches: the one its strategy is built
 * on, asked for as a login and TRY ask for it (strategyFor).
 */
export function upstreamOf(resolver: Pick<UpstreamResolver, 'strategyFor'>, connection: Connection, tenantUrl: string): ResolvedUpstream {
  return resolver.strategyFor(connection, tenantUrl).upstream;
}

/**
 * `plugins` by strategy, each building a strategy that is never run: what the resolver resolves
 * needs no real one (the fake Acme plugin builds none, Fitbit's checks the connection's scope).
 */
export function inertPlugins(...plugins: ConnectionPlugin[]): Map<string, ConnectionPlugin> {
  const inert = (plugin: ConnectionPlugin): ConnectionPlugin => ({ ...plugin, createStrategy: () => ({ name: plugin.strategy, authenticate: () => undefined }) as Strategy });
  return new Map(plugins.map((plugin) => [plugin.strategy, inert(plugin)]));
}
