import { randomBytes } from 'node:crypto';
import type { ConnectionPlugin } from '../connections/plugin.js';
import type { Connection, ConnectionOptions } from './types.js';

/**
 * What a new connection takes from its plugin: its strategy, its APIs (recommended first) and its
 * default permissions. The domain reads the plugin interface's types (never its code), as it reads
 * a plugin's failures (docs/architecture.md).
 */
export type PluginDefaults = Pick<ConnectionPlugin, 'strategy' | 'apis' | 'defaultPermissions'>;

/**
 * What a connection starts with before an admin changes anything (first start, a settings page
 * never saved): its plugin's recommended API and default permissions, no credentials, so it logs in
 * through the sandbox when that is on, and the profile kept in step with the upstream.
 */
export function newConnectionOptions(plugin: Pick<PluginDefaults, 'apis' | 'defaultPermissions'>): ConnectionOptions {
  return { api: plugin.apis[0].id, scope: [...plugin.defaultPermissions], profileSync: 'on_each_login' };
}

/**
 * A new connection record of `plugin` in `tenant`, wherever one is created (first start, the
 * dashboard's first save of a plugin's settings, POST /api/v2/connections): a fresh `con_` id,
 * enabled for no application yet, named after the plugin's strategy unless `name` is given (the
 * Management API names it; the tenant still holds one connection per strategy, which
 * connection_directory.ts's createConnection keeps when the record is stored).
 */
export function newConnection(
  tenant: string,
  plugin: Pick<PluginDefaults, 'strategy'>,
  options: ConnectionOptions,
  now: Date = new Date(),
  name: string = plugin.strategy,
): Connection {
  const at = now.toISOString();
  return {
    tenant,
    id: `con_${randomBytes(12).toString('base64url')}`,
    name,
    strategy: plugin.strategy,
    options,
    enabledClients: [],
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The plugin a fresh install creates a connection of (first start); another plugin's connection is
 * added from the dashboard (Authentication › Social), and the getting-started checklist counts every one.
 */
export function firstPlugin<P>(plugins: ReadonlyMap<string, P>): P | undefined {
  return plugins.values().next().value;
}
