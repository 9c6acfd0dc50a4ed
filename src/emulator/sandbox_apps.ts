import type { UpstreamApi } from './types.js';

/**
 * The client ids of the apps fitgate's built-in sandbox registers with this emulator, one per API it
 * plays, in the format each upstream gives its client ids (so they read true in logs and on pages).
 */
export const SANDBOX_CLIENT_IDS: Readonly<Record<UpstreamApi, string>> = {
  'google-health': 'fitgate-sandbox.apps.googleusercontent.com',
  'fitbit-legacy': '23SBOX',
};
