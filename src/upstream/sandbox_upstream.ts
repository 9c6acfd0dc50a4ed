/** Where the sandbox lives on every host; app.ts mounts it before tenant resolution. */
export const SANDBOX_PATH = '/_sandbox';

/** What every page of a sandbox login says, fitgate's and the emulator's alike. */
export const SANDBOX_NOTICE = 'Sandbox: no real Fitbit account is used.';

export interface SandboxCredentials {
  readonly clientID: string;
  readonly clientSecret: string;
}

/**
 * What request code needs of the built-in emulator that stands in for the upstream when a
 * connection has no credentials and FITGATE_SANDBOX is on: an app to log in through, and where to
 * reach it. The entry point builds the emulator (src/sandbox) and hands it down behind this, so
 * nothing under authn, dashboard, management or upstream imports the emulator.
 */
export interface SandboxUpstream {
  /**
   * The emulator app for the upstream API `api` (a plugin's `apis` id), with `callbackUrl` registered
   * as one of its redirect URIs; undefined when the emulator plays no such upstream.
   */
  credentialsFor(api: string, callbackUrl: string): SandboxCredentials | undefined;
  /** Where fitgate's back channel (token, profile, revocation calls) reaches the emulator. */
  backChannelUrl(): string;
}
