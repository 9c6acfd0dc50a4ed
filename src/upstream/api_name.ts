import type { ConnectionPlugin } from '../connections/plugin.js';
import { offeredApi } from './plugin_defaults.js';

/** How pages and log events name an upstream API: as its plugin does; an id no plugin declares, as it is. */
export function apiName(plugin: Pick<ConnectionPlugin, 'apis'> | undefined, api: string): string {
  return offeredApi(plugin, api)?.name ?? api;
}
