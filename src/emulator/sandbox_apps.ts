import type { UpstreamApi } from './types.js';

/**
 * The client ids of the apps fitgate's built-in sandbox registers with this emulator: one per
 * upstream it plays, by the strategy of the connection plugin that reaches it and that plugin's API
 * id (API ids are unique only within one plugin, so a second plugin's "v2" is not one of these).
 * Each in the format its upstream gives client ids, so they read true in logs and on pages.
 */
export const SANDBOX_CLIENT_IDS: Readonly<Record<string, Readonly<Partial<Record<UpstreamApi, string>>>>> = {
  fitbit: {
    'google-health': 'fitgate-sandbox.apps.googleusercontent.com',
    'fitbit-legacy': '23SBOX',
  },
};
