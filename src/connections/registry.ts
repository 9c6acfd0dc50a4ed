import { fitbitPlugin } from './fitbit/index.js';
import type { ConnectionPlugin } from './plugin.js';

/** Every connection plugin the host knows, by strategy name. A second provider is one more entry. */
export function connectionPlugins(): ReadonlyMap<string, ConnectionPlugin> {
  const plugins: ConnectionPlugin[] = [fitbitPlugin];
  return new Map(plugins.map((plugin) => [plugin.strategy, plugin]));
}
