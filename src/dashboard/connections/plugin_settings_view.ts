import type { ConnectionPlugin, PermissionArea, ConnectionApi } from '../../connections/plugin.js';
import { permissionAreasOf, wordingOf } from '../../upstream/plugin_defaults.js';
import { linkedText, type TextSegment } from './linked_text.js';

/** One upstream API as the settings page offers it: the plugin's words, a radio label, the setup steps. */
export interface ApiOffer extends ConnectionApi {
  /** The radio button's text: the first of several is the one the plugin recommends. */
  readonly label: string;
  readonly steps: TextSegment[][];
}

/** What the settings page shows of a plugin, whatever its upstreams: all of it from the plugin. */
export interface PluginSettingsView {
  readonly apis: ApiOffer[];
  /** Who the admin registers fitgate with, e.g. "Google or Fitbit". */
  readonly upstreams: string;
  /**
   * The permissions grouped as the recommended API grants them, whichever API is chosen: switching
   * mode in the form moves no checkbox, and each mode's hint says how it grants them.
   */
  readonly permissions: { readonly api: ConnectionApi; readonly upstream: string; readonly areas: readonly PermissionArea[] };
}

export function pluginSettingsView(plugin: ConnectionPlugin, callbackUrl: string): PluginSettingsView {
  const [recommended] = plugin.apis;
  const several = plugin.apis.length > 1;
  return {
    apis: plugin.apis.map((api, index) => ({
      ...api,
      label: several && index === 0 ? `${api.name} (recommended)` : api.name,
      // The callback URL stays text: it is to be copied, not visited.
      steps: plugin.setupSteps(api.id, callbackUrl).map((step) => linkedText(step, [callbackUrl])),
    })),
    upstreams: upstreamNames(plugin),
    permissions: { api: recommended, upstream: wordingOf(plugin, recommended.id).name, areas: permissionAreasOf(plugin, recommended.id) },
  };
}

/** Who an admin registers fitgate with for these plugins, each upstream once, e.g. "Google or Fitbit". */
export function upstreamNames(...plugins: Pick<ConnectionPlugin, 'apis' | 'displayName' | 'wording'>[]): string {
  return [...new Set(plugins.flatMap((plugin) => plugin.apis.map((api) => wordingOf(plugin, api.id).name)))].join(' or ');
}
