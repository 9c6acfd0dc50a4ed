import type { ConnectionOptions } from './types.js';

/**
 * Whether logins through a connection run against the built-in emulator: the sandbox is on
 * (FITGATE_SANDBOX) and the connection has no upstream client of its own yet. The resolver that
 * sends a login there and every page that says "sandbox" read this one rule, so they cannot disagree.
 */
export function usesSandbox(config: { readonly sandbox: boolean }, options: Pick<ConnectionOptions, 'clientId'> | undefined): boolean {
  return config.sandbox && options !== undefined && !options.clientId;
}
