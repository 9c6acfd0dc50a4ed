import type { Connection, ConnectionOptions } from './types.js';

/** What the rule asks of the sandbox (upstream/sandbox_upstream.ts's SandboxUpstream answers it). */
export interface SandboxPlays {
  plays(strategy: string, api: string): boolean;
}

/** What the rule reads of a connection (or of the one a settings page would save). */
export interface SandboxCandidate {
  readonly strategy: Connection['strategy'];
  readonly options: Pick<ConnectionOptions, 'api' | 'clientId'>;
}

/**
 * Whether logins through a connection run against its plugin's sandbox: there is a sandbox (the
 * entry point builds one only with FITGATE_SANDBOX on), the connection has no upstream client of its
 * own yet, and its plugin's sandbox plays its upstream (the plugin's strategy and API). Otherwise a connection
 * without credentials is simply not set up, as it is with the sandbox off. The resolver that sends a
 * login there and every page that says "sandbox" (or offers TRY, or shows the banner) read this one
 * rule, so they cannot disagree.
 */
export function usesSandbox(sandbox: SandboxPlays | undefined, connection: SandboxCandidate | undefined): boolean {
  if (!sandbox || !connection || connection.options.clientId) return false;
  return sandbox.plays(connection.strategy, connection.options.api);
}
