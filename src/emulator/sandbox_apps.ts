import type { UpstreamApi } from './types.js';

/**
 * The client ids of the apps fitgate's sandbox registers with this emulator, the Fitbit plugin's
 * sandbox (src/connections/fitbit/sandbox.ts): one per upstream it plays, by the strategy of the
 * connection plugin that reaches it and that plugin's API id (API ids are unique only within one
 * plugin, so a second plugin's "v2" is not one of these).
 * Each in the format its upstream gives client ids, so they read true in logs and on pages.
 */
export const SANDBOX_CLIENT_IDS: Readonly<Record<string, Readonly<Partial<Record<UpstreamApi, string>>>>> = {
  fitbit: {
    'google-health': 'fitgate-sandbox.apps.googleusercontent.com',
    'fitbit-legacy': '23SBOX',
  },
};

/** One upstream this emulator plays: a connection plugin's strategy and that plugin's API id. */
export interface EmulatedUpstream {
  readonly strategy: string;
  readonly api: UpstreamApi;
}

/**
 * Every upstream this emulator plays, wherever it runs: as fitgate's sandbox, or apart behind
 * FITGATE_UPSTREAM_BASE_URL. The same pairs as SANDBOX_CLIENT_IDS, since the sandbox has one app for
 * each upstream the emulator plays.
 */
export const EMULATED_UPSTREAMS: readonly EmulatedUpstream[] = Object.entries(SANDBOX_CLIENT_IDS).flatMap(([strategy, apis]) =>
  Object.entries(apis).flatMap(([api, clientId]) => (clientId ? [{ strategy, api: api as UpstreamApi }] : [])),
);
