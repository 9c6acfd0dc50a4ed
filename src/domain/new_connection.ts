import type { ConnectionOptions } from './types.js';

/**
 * What a new connection takes from its plugin: a ConnectionPlugin has all of it, and the domain
 * declares the shape instead of importing the plugin interface.
 */
export interface PluginDefaults {
  readonly strategy: string;
  /** The plugin's upstream APIs, recommended first. */
  readonly apis: readonly [{ readonly id: string }, ...{ readonly id: string }[]];
  readonly defaultPermissions: readonly string[];
}

/**
 * What a connection starts with before an admin changes anything (first start, a settings page
 * never saved): its plugin's recommended API and default permissions, no credentials, so it logs in
 * through the sandbox when that is on, and the profile kept in step with the upstream.
 */
export function newConnectionOptions(plugin: Pick<PluginDefaults, 'apis' | 'defaultPermissions'>): ConnectionOptions {
  return { api: plugin.apis[0].id, scope: [...plugin.defaultPermissions], profileSync: 'on_each_login' };
}

/** The plugin a fresh install creates a connection of, and its getting-started checklist leads to. */
export function firstPlugin<P>(plugins: ReadonlyMap<string, P>): P | undefined {
  return plugins.values().next().value;
}
