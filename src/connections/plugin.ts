import type { Strategy } from 'passport';

/**
 * How the host knows a connection plugin: a second provider is one more folder that exports an
 * object of this shape. Plugins import nothing of the host; this interface is matched structurally.
 */
export interface ConnectionPlugin<Settings = Record<string, unknown>> {
  /** The connection's `strategy` value, e.g. "fitbit". */
  readonly strategy: string;
  readonly displayName: string;
  /** fitgate's own decorative mark for the connection, shown beside its name on every page. */
  readonly mark: ConnectionMark;
  /**
   * The upstream APIs (modes) a connection can use, recommended first: a new connection starts on
   * the first, and the dashboard offers them in this order. Every `api` parameter below is one of
   * their ids, and parseSettings accepts exactly these.
   */
  readonly apis: readonly [ConnectionApi, ...ConnectionApi[]];
  /** Permission names a new connection asks for: what most applications need, nothing more. */
  readonly defaultPermissions: readonly string[];
  /** Validates the connection's options (the Management API and the dashboard use it). */
  parseSettings(input: unknown): { ok: true; value: Settings } | { ok: false; field: string; message: string };
  /** Permissions an admin can tick, with the upstream scopes each maps to per mode. */
  permissions(api: string): readonly PluginPermission[];
  /**
   * `permissions(api)` grouped as the upstream grants them: when one consent grants a whole area,
   * the dashboard shows its permissions together, so an admin sees what ticking one gives away.
   * Each permission is in exactly one area.
   */
  permissionAreas(api: string): readonly PermissionArea[];
  /**
   * Numbered setup steps for the admin, naming the exact callback URL to register. Their https
   * addresses become links; write a part to fill in as a placeholder in capitals (…/scope.AREA.readonly)
   * and that address stays text.
   */
  setupSteps(api: string, callbackUrl: string): string[];
  /**
   * A configured Passport strategy for one connection version. The host builds it once and runs it
   * for many logins (each run on an object inheriting from it, as passport does), so it keeps no
   * state of one login on itself; the per-login state goes through `options.store`.
   */
  createStrategy(options: PluginStrategyOptions, verify: PluginVerify): Strategy;
  /** Refresh, revoke and profile fetch for stored upstream tokens. */
  createTokenClient(options: PluginClientOptions): PluginTokenClient;
  /** How the upstream behind `api` is named in what the client and the admin read. */
  wording(api: string): UpstreamWording;
  /**
   * The client's OpenID Connect `prompt` values (login, consent, select_account) as this upstream
   * spells them for its authorize request; undefined: send none. `none` never reaches a plugin.
   */
  authorizationPrompt(api: string, prompt: readonly string[]): string | undefined;
  /**
   * What a failed TRY of `kind` means and how to fix it, when the remedy lies in this upstream's own
   * console or terms; undefined: the host explains that kind in general terms.
   */
  explainFailure(kind: TryFailureKind, api: string): { meaning: string; fix: string } | undefined;
  /**
   * Reads the upstream's answer to a refused authorize request. Before TRY sends the admin's
   * browser to the upstream, the host requests the same authorize URL itself (without following
   * redirects), because an upstream shows such a refusal (an unregistered callback URL, an unknown
   * client id) on a page of its own and never comes back. The host asks about two answers:
   * an error page, `status` 400 or more (never 410, which the host reads as `gone` itself) with
   * `body` the start of the page as text (HTML, usually); and a redirect, `status` 300 to 399 with
   * `location` its target as an absolute URL and `body` empty, since some upstreams carry the
   * refusal in the address of their error page (Google's authError). A redirect to anything else
   * (the sign-in or consent page) is no refusal: undefined. Return the refusal with what the
   * upstream said (`upstreamCode`, `upstreamMessage`); the host fills in `status` (the answer's)
   * and `operation` ("authorize") when left out, and reads `invalid_client` as an unknown client
   * id, since nothing but the id has been sent yet. Undefined, or no hook at all: not recognised,
   * and the browser goes on to the upstream, which shows the admin its page.
   */
  readAuthorizeRefusal?(answer: { readonly status: number; readonly body: string; readonly location?: string | undefined }): PluginFailure | undefined;
  /**
   * Advice on credentials of the wrong shape for `api`, one sentence each, which the dashboard
   * shows beside "Settings saved." once a save went through: a Client ID with a space inside, the
   * other API's Client ID, a client secret pasted as the Client ID, values the upstream would refuse
   * at TRY or at the first login. Saving is never refused for it (that is parseSettings' call), so
   * advise only on clear mismatches, never on a value the upstream may issue. A sentence may quote
   * the Client ID (client IDs are public) but never the secret, nor a Client ID shaped like one:
   * "looks like a client secret, not a Client ID". `clientId` is the one saved; `clientSecret` the
   * secret typed with this save, absent when the stored one was kept (the host never opens it for
   * this). Empty, or no hook: no advice. The Management API asks for none.
   */
  adviseOnCredentials?(api: string, credentials: { readonly clientId?: string | undefined; readonly clientSecret?: string | undefined }): readonly string[];
}

/**
 * A rounded tile of the `tile` colour with a white line across it, drawn on a 32×32 grid: fitgate's
 * own mark, never the upstream's logo, whose brand rules a host cannot follow for every plugin.
 */
export interface ConnectionMark {
  /** A CSS colour dark enough for the white line to read on it. */
  readonly tile: string;
  /** SVG path data for the line. */
  readonly line: string;
}

/** One upstream API of a plugin, as the admin is offered it. */
export interface ConnectionApi {
  /** The connection's `api` option, as stored and as the Management API and the settings form carry it. */
  readonly id: string;
  /** How the admin's pages name it, e.g. "Google Health API". */
  readonly name: string;
  /**
   * Shown while it is chosen, when choosing it needs a second thought (it is shutting down), and
   * beside a connection configured on it in the dashboard's list, which then does not show it healthy.
   */
  readonly warning?: string;
  /** Beside the Client ID field while it is chosen: where this upstream shows the value to paste. */
  readonly clientIdHint: string;
  /**
   * Set when this API also works without a client secret: beside the Client Secret field, when to
   * leave it empty. Absent: a Client ID needs its secret, and parseSettings refuses one without.
   */
  readonly clientSecretOptional?: string;
  /** Beside the permissions while it is chosen: how this upstream grants them. */
  readonly permissionsHint: string;
}

export interface PluginPermission {
  /** What the admin ticks and the connection's `scope` option lists. */
  readonly name: string;
  readonly description: string;
  /** What the upstream is asked for in this mode; empty when it has no counterpart. */
  readonly upstreamScopes: readonly string[];
}

/** Permissions the upstream grants together (or one alone, when it grants each on its own). */
export interface PermissionArea {
  /** What the admin reads above the area, e.g. "Health metrics and measurements". */
  readonly label: string;
  /** The upstream scope that grants the whole area; absent when nothing is requested for it. */
  readonly scope?: string;
  readonly permissions: readonly PluginPermission[];
}

export interface UpstreamWording {
  /** The upstream's name, e.g. "Google". */
  readonly name: string;
  /** The whole sentence for a `gone` failure: what shut down and what an administrator must do. */
  readonly gone: string;
  /**
   * When a login brings no refresh token although one was asked for: why this upstream sends none
   * and what fitgate does then. Undefined: the host says only that none came.
   */
  readonly noRefreshToken?: string;
}

/**
 * Every kind of failure a plugin reports (as `kind` on the errors it throws or passes to Passport),
 * one per distinct remedy. The host maps them to OAuth errors and to the admin's explanations.
 */
export type PluginErrorKind =
  | 'invalid_client'
  | 'unauthorized_client'
  | 'redirect_uri_mismatch'
  | 'access_denied'
  | 'interaction_required'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_request'
  /**
   * The upstream signed the user in but will not serve this account here: the remedy is the user's,
   * at the upstream (set the account up there, or sign in with another kind of account). The
   * failure's `message` tells the user what to do, in words a client may show them (the login's
   * access_denied description quotes it), so it names no token and no internals, and is the plugin's
 * own sentence, never text the upstream sent (which a client would then show as fitgate's).
   */
  | 'account_unusable'
  /**
   * The upstream API the connection calls is not enabled for the connection's client (its project,
   * in the upstream's console): the remedy is the administrator's, in that console.
   */
  | 'api_not_enabled'
  | 'gone'
  | 'rate_limited'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'bad_response'
  | 'invalid_id_token'
  | 'upstream_error';

/**
 * The one failure contract between a plugin and the host. A plugin reports every upstream failure
 * in this shape: the Error its token client rejects with, the error its strategy passes to
 * Passport's `error`, the `error` of a `fail` challenge (PluginFailChallenge), the refusal
 * readAuthorizeRefusal returns. The host reads these fields and nothing else, in one place
 * (src/domain/read_plugin_failure.ts): a field of another type is ignored, and an object whose
 * `kind` is not a PluginErrorKind is no plugin failure at all (at login the client then gets a
 * generic server_error, and the admin finds the error in the log).
 */
export interface PluginFailure {
  /**
   * The remedy. It decides the OAuth error a client receives for a failed login, what the token
   * vault does about stored tokens (wait and retry, or ask the user to sign in again) and which
   * explanation a failed TRY shows the admin.
   */
  readonly kind: PluginErrorKind;
  /** The upstream's HTTP status; absent when no response came. A login's outage description and TRY's report name it. */
  readonly status?: number | undefined;
  /**
   * For `rate_limited`: seconds until the upstream's quota resets, from Retry-After or the
   * upstream's own header. The client's description names it; the vault calls the upstream for that
   * identity no more until then.
   */
  readonly retryAfterSeconds?: number | undefined;
  /** Which upstream call failed, in the plugin's words ("authorize", "token", "refresh"): TRY's report begins with it. */
  readonly operation?: string | undefined;
  /** The upstream's own code (an OAuth `error`, an API's status word): TRY's report shows it; a client never sees it. */
  readonly upstreamCode?: string | undefined;
  /**
   * The upstream's own message, with anything token-like removed: TRY's report quotes it; a client
   * never sees it.
   */
  readonly upstreamMessage?: string | undefined;
  /**
   * A sentence for admins (an Error's message): the reason a stored identity's status and the log
   * give, and TRY's report when the fields above say too little. Never a token.
   */
  readonly message?: string | undefined;
}

/**
 * What a plugin's strategy passes to Passport's `fail(challenge, status)`: only for the user's own
 * refusal (they declined consent), carried as `error`; every other failure goes to Passport's
 * `error`. A login answers the client access_denied; TRY explains `error`. Passport's own fails
 * (passport-oauth2's state check, `{ message }` alone) carry no `error`: a login answers them as a
 * login link that expired, TRY as a state that expired or was already used.
 */
export interface PluginFailChallenge {
  /** For the log and for a plain Passport app; the host words the failure itself. */
  readonly message?: string | undefined;
  readonly error: PluginFailure;
}

/**
 * The kinds a failed TRY is explained by (explainFailure): every PluginErrorKind, and those the
 * host finds itself. `unknown_client`: the upstream's authorize page refused the client id (an
 * `invalid_client` before any secret was sent); `expired`: the TRY's state is gone or was used;
 * `not_configured`: no client id and no sandbox, so nothing to try; `unknown`: a failure that is
 * no plugin's (fitgate's own, or one breaking the contract above).
 */
export type TryFailureKind = PluginErrorKind | 'unknown_client' | 'expired' | 'not_configured' | 'unknown';

export interface PluginClientOptions {
  api: string;
  clientID: string;
  clientSecret?: string;
  /** Rewrites every upstream URL: https://HOST/PATH → `${upstreamBaseUrl}/HOST/PATH` (emulator). */
  upstreamBaseUrl?: string;
  timeoutMs?: number;
  /** Hears each upstream HTTP call once it ended (fitgate's metrics); must not throw. */
  onUpstreamCall?: (call: { operation: string; durationMs: number; status?: number | undefined; errorKind?: string | undefined }) => void;
}

export interface PluginStrategyOptions extends PluginClientOptions {
  callbackURL: string;
  /** Upstream scope names as the admin configured them (Fitbit names). */
  scope: string[];
  /** Front-channel base when it differs from the back-channel one (sandbox mounted on the tenant host). */
  authorizationBaseUrl?: string;
  /**
   * passport-oauth2 state store: keeps the state (and the PKCE verifier, when the strategy uses PKCE)
   * in fitgate's store, not the session. The strategy must use it: a start that stores nothing is
   * refused before the browser leaves.
   */
  store?: unknown;
}

export interface PluginTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  grantedScopes: string[];
}

export type PluginVerify = (
  tokens: PluginTokens,
  profile: PluginProfile,
  done: (error: unknown, user?: unknown, info?: unknown) => void,
) => void;

/** Passport's normalised profile plus what the host needs for migration and consent checks. */
export interface PluginProfile {
  provider: string;
  id: string;
  /** The legacy id, when the upstream reports one (Google Health's legacyUserId). */
  legacyUserId?: string;
  displayName?: string;
  name?: { familyName?: string; givenName?: string };
  emails?: Array<{ value: string; verified?: boolean }>;
  photos?: Array<{ value: string }>;
  grantedScopes: string[];
  _json: Record<string, unknown>;
  _raw: string;
}

export interface PluginTokenClient {
  refresh(refreshToken: string): Promise<PluginTokens>;
  revoke(token: string): Promise<void>;
  fetchProfile(accessToken: string): Promise<PluginProfile>;
}
