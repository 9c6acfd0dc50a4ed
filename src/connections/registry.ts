import { fitbitPlugin, type FitbitRefusalChallenge, type UpstreamError, type UpstreamRateLimitedError } from './fitbit/index.js';
import type { ConnectionPlugin, PluginConforms } from './plugin.js';

/**
 * One line per plugin: what the interface cannot see (the errors it throws, its `fail` challenge)
 * checked at compile time, so a mismatch fails the type check here and not a login.
 */
export type FitbitConforms = PluginConforms<typeof fitbitPlugin, { failure: UpstreamError; rateLimited: UpstreamRateLimitedError; challenge: FitbitRefusalChallenge }>;

/**
 * Every connection plugin the host knows, by strategy name: a new plugin is one more entry here,
 * with its PluginConforms line above. The first is the one a fresh install sets up
 * (domain/new_connection.ts, firstPlugin).
 */
export function connectionPlugins(): ReadonlyMap<string, ConnectionPlugin> {
  const plugins: ConnectionPlugin[] = [fitbitPlugin];
  return new Map(plugins.map((plugin) => [plugin.strategy, plugin]));
}
