/** Where the sandbox lives on every host; app.ts mounts it before tenant resolution. */
export const SANDBOX_PATH = '/_sandbox';

/**
 * What every page of a sandbox login says, fitgate's and the emulator's alike, naming the connections
 * as their plugins do ("Fitbit"; two read "Fitbit or Acme"). One sentence built here, so no page
 * names an upstream the sandbox is not playing; a page that cannot tell which connection it is about
 * names none.
 */
export function sandboxNotice(...displayNames: readonly string[]): string {
  const names = [...new Set(displayNames)];
  return names.length > 0 ? `Sandbox: no real ${names.join(' or ')} account is used.` : 'Sandbox: no real account is used.';
}

export interface SandboxCredentials {
  readonly clientID: string;
  readonly clientSecret: string;
}

/**
 * Which upstreams the plugins' emulators (ConnectionPlugin.sandbox) play: the one question asked of
 * them both as the sandbox and behind FITGATE_UPSTREAM_BASE_URL (the same emulators, run apart), so a
 * connection whose upstream no emulator plays is sent to neither.
 *
 * An upstream is a plugin's strategy and one of its `apis` ids together: API ids are unique only
 * within one plugin, so an id alone could name another plugin's upstream its emulator knows nothing of.
 */
export interface EmulatedUpstreams {
  /** Whether an emulator stands in for the API `api` of the plugin whose strategy is `strategy`. */
  plays(strategy: string, api: string): boolean;
}

/**
 * What request code needs of the plugin's sandbox (the emulator its plugin brings) that stands in
 * for the upstream when a connection has no credentials and FITGATE_SANDBOX is on: which upstreams
 * it plays, an app to log in through, and where to reach it. The entry point starts the plugins'
 * emulators (src/sandbox) and hands them down behind this, so nothing under authn, dashboard,
 * management or upstream imports an emulator.
 */
export interface SandboxUpstream extends EmulatedUpstreams {
  /**
   * The sandbox app for that upstream, with `callbackUrl` registered as one of its redirect URIs;
   * undefined when no plugin's emulator plays it.
   */
  credentialsFor(strategy: string, api: string, callbackUrl: string): SandboxCredentials | undefined;
  /** Where fitgate's back channel (token, profile, revocation calls) reaches the plugins' emulators. */
  backChannelUrl(): string;
}
