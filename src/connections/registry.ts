import { fitbitPlugin, type UpstreamErrorKind } from './fitbit/index.js';
import type { ConnectionPlugin, PluginErrorKind } from './plugin.js';

/** Each plugin's error kinds are among the host's: a new kind fails the type check here, not a login. */
type Assert<T extends true> = T;
export type FitbitKindsKnown = Assert<UpstreamErrorKind extends PluginErrorKind ? true : false>;

/**
 * Every connection plugin the host knows, by strategy name. A second provider is one more entry;
 * the first is the one a fresh install sets up (domain/new_connection.ts, firstPlugin).
 */
export function connectionPlugins(): ReadonlyMap<string, ConnectionPlugin> {
  const plugins: ConnectionPlugin[] = [fitbitPlugin];
  return new Map(plugins.map((plugin) => [plugin.strategy, plugin]));
}
