import type { ConnectionPlugin, SettingsField } from '../../connections/plugin.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';

/** A link to one place on a connection's settings page. */
export interface SettingsFieldLink {
  readonly href: string;
  readonly text: string;
}

/**
 * The id of each place a SettingsField names on the settings page (views/dashboard/connection.eta
 * gives its elements these ids), and how a link names it. The setup steps have one section per API.
 */
const PLACES: Readonly<Record<Exclude<SettingsField, 'setupSteps'>, { readonly id: string; readonly name: string }>> = {
  api: { id: 'api-choice', name: 'the API' },
  clientId: { id: 'client_id', name: 'the Client ID' },
  clientSecret: { id: 'client_secret', name: 'the Client Secret' },
  scope: { id: 'permissions', name: 'the permissions' },
  callbackUrl: { id: 'callback-url', name: 'the callback URL' },
};

/**
 * Where a failed TRY's fix is made, as a link into the connection's settings page (`settingsPath`)
 * anchored at `field`; undefined when the page has no such place: no field, one the plugin interface
 * does not name (a plugin is matched structurally, so its answer is checked here), the API choice of
 * a plugin with a single API (the page then offers none), or the setup steps of an API the plugin
 * does not declare.
 */
export function settingsFieldLink(
  settingsPath: string,
  plugin: Pick<ConnectionPlugin, 'apis'> | undefined,
  api: string,
  field: string | undefined,
): SettingsFieldLink | undefined {
  if (field === undefined || !plugin) return undefined;
  if (field === 'setupSteps') {
    const tried = offeredApi(plugin, api);
    return tried && { href: `${settingsPath}#steps-${encodeURIComponent(tried.id)}`, text: `Go to the setup steps for the ${tried.name} in the connection's settings` };
  }
  if (!Object.hasOwn(PLACES, field)) return undefined;
  if (field === 'api' && plugin.apis.length < 2) return undefined;
  const place = PLACES[field as keyof typeof PLACES];
  return { href: `${settingsPath}#${place.id}`, text: `Go to ${place.name} in the connection's settings` };
}
