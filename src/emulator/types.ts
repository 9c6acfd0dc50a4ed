/** The two upstreams the emulator plays. */
export type UpstreamApi = 'fitbit-legacy' | 'google-health';

/**
 * Fitbit's three application types. Google has no "personal" type; there "server" is a web
 * application with a secret and "client" a public (installed) application that proves itself with PKCE.
 */
export type AppType = 'server' | 'client' | 'personal';

export interface RegisteredApp {
  readonly clientId: string;
  /** Required for server and personal apps; optional for client apps. */
  readonly clientSecret?: string | undefined;
  readonly type: AppType;
  readonly api: UpstreamApi;
  /** Compared exactly, as both upstreams do (a trailing slash matters). */
  readonly redirectUris: readonly string[];
  /** Personal apps: the only login allowed to authorize them. */
  readonly ownerLogin?: string | undefined;
  /** Legacy intraday heart rate needs Fitbit's approval; false answers 403 insufficient_permissions. Default true. */
  readonly intraday?: boolean | undefined;
  /** Shown on the consent page. */
  readonly name?: string | undefined;
  /** Google: an app still in "Testing" publishing status gets refresh tokens that die after 7 days. */
  readonly testing?: boolean | undefined;
  /**
   * Google: whether the Google Health API is enabled in the app's Cloud project. Default true; false
   * answers every health.googleapis.com call with its tokens 403 PERMISSION_DENIED, reason SERVICE_DISABLED.
   */
  readonly healthApiEnabled?: boolean | undefined;
}

/**
 * How the Google Health API sees a test user's Google Account
 * (https://developers.google.com/health/troubleshooting): `linked` (the default) serves it;
 * `not-linked` has no Google Health profile (Fitbit never set up, or a Fitbit account not moved to
 * Google) and gets 400 FAILED_PRECONDITION, reason ACCOUNT_NOT_LINKED; `legacy-fitbit-consent`
 * consented with a legacy Fitbit account instead of a Google Account and gets 403 PERMISSION_DENIED
 * "The caller does not have permission". Sign-in, tokens and userinfo work for all three.
 */
export type GoogleHealthAccount = 'linked' | 'not-linked' | 'legacy-fitbit-consent';

export interface TestUser {
  readonly login: string;
  /** Fitbit's encoded id, e.g. "GGNJL9". */
  readonly legacyUserId: string;
  /** Google Health id: 1-63 characters of [A-Za-z0-9-]. */
  readonly healthUserId: string;
  /** Google account id, the id_token's `sub` (digits, like Google's). Derived from the login when absent. */
  readonly googleSub?: string | undefined;
  readonly displayName: string;
  readonly fullName: string;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  readonly email: string;
  readonly emailVerified?: boolean | undefined;
  readonly avatar: string;
  readonly gender?: 'MALE' | 'FEMALE' | 'NA' | undefined;
  /** ISO date, e.g. "1990-04-12". */
  readonly dateOfBirth?: string | undefined;
  /** ISO date the account was created. */
  readonly memberSince?: string | undefined;
  readonly timezone?: string | undefined;
  readonly locale?: string | undefined;
  /** Seeds the generated activities, steps and heart rate; the login when absent. */
  readonly dataSeed?: string | undefined;
  /** How the Google Health API answers for this user; `linked` when absent. */
  readonly googleHealth?: GoogleHealthAccount | undefined;
}

/** Tunables, all in seconds or requests. Defaults in settings.ts. */
export interface EmulatorSettings {
  readonly codeTtlSeconds: number;
  readonly legacyAccessTokenTtlSeconds: number;
  readonly googleAccessTokenTtlSeconds: number;
  /** Identical legacy refresh requests inside this window get the first response again. */
  readonly legacyRefreshReplayWindowSeconds: number;
  /** How a legacy refresh token used again inside the window is answered: the same response, or 409. */
  readonly legacyRefreshReplay: 'same-response' | 'conflict';
  /** Per user per app per clock hour. */
  readonly legacyRateLimitPerHour: number;
  /** Per user per app per clock minute. */
  readonly googleRateLimitPerMinute: number;
}

/** The seven real hosts, each served under `/<host>`. */
export const HOSTS = [
  'www.fitbit.com',
  'api.fitbit.com',
  'accounts.google.com',
  'oauth2.googleapis.com',
  'openidconnect.googleapis.com',
  'www.googleapis.com',
  'health.googleapis.com',
] as const;
export type Host = (typeof HOSTS)[number];

export const LEGACY_HOSTS: readonly Host[] = ['www.fitbit.com', 'api.fitbit.com'];

/** An injected failure, on one host or on all (`host: '*'`). */
export type FailureMode =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds?: number | undefined };

export interface FailureRule {
  readonly host: Host | '*';
  readonly mode: FailureMode;
  /** How many requests it applies to; unlimited when absent. */
  readonly times?: number | undefined;
}

export interface AutoConsent {
  readonly user: string;
  readonly decision: 'approve' | 'deny';
  /** Space-separated or listed subset of the requested scopes; all requested when absent. */
  readonly scopes?: readonly string[] | undefined;
}

export interface UpstreamCounters {
  authorizeRequests: number;
  consentsApproved: number;
  consentsDenied: number;
  codeExchanges: number;
  refreshes: number;
  refreshReplays: number;
  refreshConflicts: number;
  revocations: number;
  introspections: number;
  apiCalls: number;
  rateLimited: number;
}

export type Counters = Record<UpstreamApi, UpstreamCounters>;

export interface EmulatorOptions {
  /** Registered on top of the built-in demo apps (same clientId replaces one). */
  readonly apps?: readonly RegisteredApp[];
  /** Added to the built-in test users (same login replaces one). */
  readonly users?: readonly TestUser[];
  /** When false, only the given apps and users exist. Default true. */
  readonly includeDefaults?: boolean;
  readonly settings?: Partial<EmulatorSettings>;
  readonly legacyShutdown?: boolean;
  /** Milliseconds since the epoch; Date.now by default. control.advanceClock() moves it on. */
  readonly now?: () => number;
  /**
   * Whether `/_emulator` (the control API: apps with their secrets, users, failures) is served.
   * Default true; false where the emulator answers on public hosts, whose owner drives it through
   * `control` in process instead.
   */
  readonly adminApi?: boolean;
}
