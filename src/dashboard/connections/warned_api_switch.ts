import type { ConnectionApi, ConnectionPlugin } from '../../connections/plugin.js';
import type { Connection } from '../../domain/types.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';
import type { FieldErrors } from '../form_fields.js';

/**
 * A connection moved onto an API its plugin warns about (ConnectionApi.warning: shutting down, or
 * gone) may stop every user's next login, so the settings form asks for a ticked `confirm_api` box
 * first, while the tenant has users (client_switch.ts's tenantHasUsers: the store counts users per
 * tenant only). Which APIs are risky is the plugin's word alone: the host names no upstream.
 * Undefined when the save moves the connection onto no warned API (a new connection has no users).
 */
export function warnedApiSwitch(plugin: Pick<ConnectionPlugin, 'apis'>, connection: Connection | undefined, api: string): ConnectionApi | undefined {
  if (!connection || connection.options.api === api) return undefined;
  const chosen = offeredApi(plugin, api);
  return chosen?.warning ? chosen : undefined;
}

/** The form's refusal of a switch onto `api` left unconfirmed. */
export function unconfirmedApiSwitch(api: ConnectionApi): FieldErrors {
  return { confirm_api: `Tick the box to switch to the ${api.name} all the same, or choose another API.` };
}
