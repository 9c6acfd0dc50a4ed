import type { ConnectionPlugin } from '../../connections/plugin.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';

/** What "It works!" must add when it only worked in the sandbox: the API and its plugin's warning. */
export interface SandboxCaveat {
  apiName: string;
  warning: string;
}

/**
 * The sandbox plays every API its plugin declares, even one the real upstream has shut down: a
 * sandbox TRY of an API the plugin warns about proves nothing about real logins, so the result says
 * so in the plugin's own words. Undefined for a TRY outside the sandbox or of an API without warning.
 */
export function sandboxCaveat(plugin: Pick<ConnectionPlugin, 'apis'> | undefined, api: string, sandbox: boolean): SandboxCaveat | undefined {
  const choice = offeredApi(plugin, api);
  return sandbox && choice?.warning ? { apiName: choice.name, warning: choice.warning } : undefined;
}
