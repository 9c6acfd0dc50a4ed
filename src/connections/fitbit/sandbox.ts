import { createEmulator, EMULATED_UPSTREAMS, HOSTS, SANDBOX_CLIENT_IDS, type RegisteredApp } from '../../emulator/index.js';
import type { PluginSandbox, SandboxApp } from '../plugin.js';

/** The one app the sandbox registers per API: which API a host-made secret belongs to is only known here. */
function registered({ api, clientId, clientSecret }: SandboxApp): RegisteredApp {
  const played = EMULATED_UPSTREAMS.find((upstream) => upstream.api === api);
  if (!played) throw new TypeError(`the emulator plays no API ${JSON.stringify(api)}`);
  // Server apps with secrets, as a real deployment registers them; the secrets never leave fitgate.
  return { clientId, clientSecret, type: 'server', api: played.api, redirectUris: [], name: 'fitgate sandbox' };
}

/**
 * fitgate's emulator (src/emulator) as this plugin's sandbox: both APIs, on the seven real hosts
 * they use. The host learns no more of it than this declaration says.
 */
export const fitbitSandbox: PluginSandbox = {
  apps: EMULATED_UPSTREAMS.map(({ strategy, api }) => ({ api, clientId: SANDBOX_CLIENT_IDS[strategy]![api]! })),
  hosts: HOSTS,
  start(apps) {
    // No control API over HTTP: on fitgate's public hosts it would let anyone read the sandbox secrets
    // or rewrite its behaviour. fitgate's tests drive it through `control`.
    const emulator = createEmulator({ apps: apps.map(registered), adminApi: false });
    return {
      handler: emulator.app,
      allowRedirectUri: (clientId, callbackUrl) => void emulator.control.addRedirectUri(clientId, callbackUrl),
      control: emulator.control,
    };
  },
};
