import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Strategy } from 'passport';

/**
 * How the host knows a connection plugin: a provider is a folder that exports an object of this
 * shape, and one entry in registry.ts whose PluginConforms line checks it at compile time. Of the
 * host, a plugin folder imports this file, only with `import type`, and the HTTP port beside it
 * (upstream_fetch.ts, its reading of socket errors unreached_upstream.ts, its transport
 * upstream_http.ts and that one's resend rule stale_socket_resend.ts, for a plugin built without a
 * host): they
 * import nothing but passport's types and Node's own modules, so a plugin published on its own
 * carries them along, and every plugin names the interface's types instead of keeping copies that
 * drift. The host names no upstream: everything it says about one comes from these members.
 *
 * The members are function-typed properties, not methods, so that a member's parameters are checked
 * strictly: a plugin whose member takes less than the host passes (an `api` of one literal id, an
 * option the host never sets) fails the type check instead of a call.
 *
 * Every `api` a member receives (options.api included) is one of `apis`' ids. The host passes the
 * one stored with a connection, an identity or a TRY (parseSettings accepted it when it was saved),
 * and checks it against `apis` before any call: one stored before the plugin dropped that API
 * reaches no member (the host refuses the login or refresh, and words the TRY's result itself). A
 * plugin with one API may therefore ignore the argument (its parseSettings still refuses any other
 * id an admin sends). One with several still refuses an id it does not declare, with a TypeError
 * naming it, rather than answer for another API (the wrong scopes, endpoints or wording): a host
 * mistake then fails one call instead of sending a login to the wrong API. Its explainFailure and
 * adviseOnCredentials, which only advise the admin, leave out instead what depends on the API
 * (undefined, no advice).
 *
 * Eight members are optional. Five because the host has a sound default for each, all applied in
 * one place, upstream/plugin_defaults.ts: wording (the displayName), permissionAreas (derived from
 * permissions), authorizationPrompt (no prompt sent), consentForRefreshToken (no second round) and
 * explainFailure (the host's general words, kept with the page that shows them,
 * dashboard/try/try_failure_explanation.ts). Two,
 * readAuthorizeRefusal and adviseOnCredentials, are hooks the host does without: no refusal
 * recognised before TRY leaves, no advice. The last, sandbox, is an emulator the plugin brings:
 * without one, a connection of the plugin has no sandbox and needs credentials before any login or
 * TRY. Each says below what its absence means; a simple OAuth 2.0 upstream usually needs none of them.
 */
export interface ConnectionPlugin {
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
  /**
   * Judges a connection's settings as an admin sent them, through the Management API's PATCH or the
   * dashboard's settings form (both come here, so the same input gets the same verdict), and fills
   * in the plugin's defaults for what was left out. The success value is what the host stores as
   * the connection's options (ConnectionSettings: anything else on it is dropped); `profileSync` is
   * the host's own setting, which it judges itself and never sends here. A refusal lists every
   * problem found, not only the first, so that an admin fixes them in one Save (the dashboard cannot
   * give a typed secret back): rules across settings run alongside each setting's own checks.
   */
  readonly parseSettings: (input: ConnectionSettingsInput) => ParsedConnectionSettings;
  /** Permissions an admin can tick, with the upstream scopes each maps to per mode. */
  readonly permissions: (api: string) => readonly PluginPermission[];
  /**
   * `permissions(api)` grouped as the upstream grants them: when one consent grants a whole area,
   * the dashboard shows its permissions together, so an admin sees what ticking one gives away.
   * Each permission is in exactly one area. Absent: the host derives them from permissions(api)
   * (upstream/plugin_defaults.ts), one area per permission, labelled with its name, with its
   * upstream scopes as the area's `scope` (space-separated; none: not requested), except that
   * permissions asking for exactly the same upstream scopes share one area, labelled with those
   * scopes, since the upstream cannot grant one without the others. Declare it for areas with names
   * of their own, or for scopes that overlap without being the same.
   */
  readonly permissionAreas?: (api: string) => readonly PermissionArea[];
  /**
   * Numbered setup steps for the admin, naming the exact callback URL to register. Their https
   * addresses become links; write a part to fill in as a placeholder in capitals (…/scope.AREA.readonly)
   * and that address stays text.
   */
  readonly setupSteps: (api: string, callbackUrl: string) => string[];
  /**
   * A configured Passport strategy for one connection version. The host builds it once and runs it
   * for many logins (each run on an object inheriting from it, as passport does), so it keeps no
   * state of one login on itself; the per-login state goes through `options.store`. The host runs
   * it twice per login: `authenticate(req, options)` with PluginAuthorizeOptions to send the browser
   * upstream, then `authenticate(req, {})` at the callback. passport-oauth2 drops every option it
   * does not know from the authorize URL, `prompt` and `loginHint` included, so a strategy on it
   * puts them there itself, in its `authorizationParams(options)` (OAuth2LoginStrategy does, under
   * its promptParameter and loginHintParameter options); without that the upstream never hears
   * them, and TRY's consent (see authorizationPrompt) is lost.
   */
  readonly createStrategy: (options: PluginStrategyOptions, verify: PluginVerify) => Strategy;
  /** Refresh and revoke for the upstream tokens the host stores. */
  readonly createTokenClient: (options: PluginClientOptions) => PluginTokenClient;
  /**
   * How the upstream behind `api` is named in what the client and the admin read. Absent:
   * `{ name: displayName }`, with the host's sentences for what PluginWording leaves optional;
   * declare it when the upstream is named otherwise than the connection (Google behind Fitbit), or
   * to word `gone` or `noRefreshToken`.
   */
  readonly wording?: (api: string) => PluginWording;
  /**
   * The client's OpenID Connect `prompt` values (login, consent, select_account) as this upstream
   * spells them for its authorize request; undefined: send none. `none` never reaches a plugin. The
   * answer reaches the strategy as `authenticate`'s `prompt` option (see createStrategy). TRY always
   * asks for `consent`, so that each TRY gets a refresh token from an upstream that issues one only
   * on a consent. Absent: none is ever sent (plain OAuth 2.0 has no such parameter, and an upstream
   * may refuse a value it does not know), so the upstream's own session and consent rules decide
   * whether the person is asked again. Declare it for an upstream that issues a refresh token only
   * on a consent, or that can be asked to sign the person in again.
   */
  readonly authorizationPrompt?: (api: string, prompt: readonly string[]) => string | undefined;
  /**
   * What makes the upstream issue a refresh token to a login that brought none: the authorize
   * options, in the upstream's spelling as authorizationPrompt's answer is, of a second round for
   * that login. When a login's code exchange brings no refresh token and the identity it would store
   * keeps none either (a user new to fitgate who consented to this client before, one deleted and
   * signing up again, one whose refresh token the upstream revoked), the host does not finish the
   * login: it sends the browser back to the upstream once, for the same client request, with these
   * options in place of the ones the login was sent with (the client's login hint kept unless the
   * answer names one). The second round finishes the login whatever it brings; a user who declines
   * there ends it as any refusal does. `prompt` is the client's, in OpenID Connect's words, so that
   * the answer keeps what else the login asked of the upstream (select_account beside the consent).
   * Undefined: no second round, because the upstream issues a refresh token with every login (none
   * missing that a consent would bring) or cannot be asked for one. Absent: undefined for every login,
   * since a second round that changes nothing would only show the user the upstream's pages twice;
   * declare it for an upstream that issues a refresh token only at a consent it can be asked for.
   */
  readonly consentForRefreshToken?: (api: string, prompt: readonly string[]) => PluginAuthorizeOptions | undefined;
  /**
   * What a failed TRY of `kind` means and how to fix it, when the remedy lies in this upstream's own
   * console or terms; undefined: the host explains that kind in general terms. `callbackUrl` is the
   * tenant's callback, as the setup steps name it, for the remedies that register it. Absent: the
   * host's general terms for every kind, which name no console, page or setting of an upstream.
   */
  readonly explainFailure?: (kind: TryFailureKind, tried: { api: string; callbackUrl: string }) => FailureExplanation | undefined;
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
  readonly readAuthorizeRefusal?: (answer: { readonly status: number; readonly body: string; readonly location?: string | undefined }) => PluginFailure | undefined;
  /**
   * Advice on credentials of the wrong shape for `api`, one sentence each, which the dashboard
   * shows beside "Settings saved." once a save went through, and on a TRY's failure page when the
   * upstream refused the client (unknown_client, invalid_client): a Client ID with a space inside,
   * the other API's Client ID, a client secret pasted as the Client ID, values the upstream would refuse
   * at TRY or at the first login. Saving is never refused for it (that is parseSettings' call), so
   * advise only on clear mismatches, never on a value the upstream may issue. A sentence may quote
   * the Client ID (client IDs are public) but never the secret, nor a Client ID shaped like one:
   * "looks like a client secret, not a Client ID". `clientId` is the one saved; `clientSecret` the
   * secret typed with this save, absent when the stored one was kept (a save never opens it for
   * this); at a refused TRY, the stored secret that TRY sent. Empty, or no hook: no advice. The
   * Management API asks for none.
   */
  readonly adviseOnCredentials?: (api: string, credentials: { readonly clientId?: string | undefined; readonly clientSecret?: string | undefined }) => readonly string[];
  /**
   * An emulator of the upstream that fitgate runs as its sandbox (FITGATE_SANDBOX), so that a
   * connection without credentials logs in and TRYs against it, and that FITGATE_UPSTREAM_BASE_URL
   * may point at. Absent: no sandbox for this plugin; its connections need credentials, the
   * dashboard offers no sandbox for them, and FITGATE_UPSTREAM_BASE_URL never reaches them.
   */
  readonly sandbox?: PluginSandbox;
}

/**
 * The emulator a plugin brings (ConnectionPlugin.sandbox). The host starts it once in its own
 * process, registers one server app with it per API in `apps`, and serves it on every tenant's host
 * under /_sandbox, beside other plugins' emulators: each real host it plays is a path prefix there
 * (`/_sandbox/HOST/PATH`), the rewrite upstreamBaseUrl documents, and the host sends a request to the
 * emulator whose `hosts` name its first segment.
 */
export interface PluginSandbox {
  /** One app per API the emulator plays (each one of `apis`' ids, once), with its client id. */
  readonly apps: readonly SandboxAppDeclaration[];
  /** The real hosts it plays, lower case: no two installed plugins' emulators may share one. */
  readonly hosts: readonly string[];
  /**
   * Starts the emulator with `apps` registered: those of `apps` above, each with a secret the host
   * made, as confidential server apps with no redirect URI yet. No I/O: the host serves `handler`.
   * It must serve no control API over HTTP, since it answers on fitgate's public hosts, where that
   * would show the secrets to anyone.
   */
  readonly start: (apps: readonly SandboxApp[]) => PluginEmulator;
}

/** One sandbox app, as a plugin declares it: the API it plays and its client id, in the format the upstream gives them. */
export interface SandboxAppDeclaration {
  readonly api: string;
  readonly clientId: string;
}

/** One sandbox app as the host registers it. */
export interface SandboxApp extends SandboxAppDeclaration {
  readonly clientSecret: string;
}

/** A plugin's emulator, started (PluginSandbox.start). */
export interface PluginEmulator {
  /**
   * Answers `/HOST/PATH` for every host it plays, the path below the sandbox's mount point. An HTML
   * page (consent, sign-in, error) has a `<header>` element and goes out whole with one `res.end`:
   * the host puts the sandbox notice, naming the plugin, at the top of that header.
   */
  readonly handler: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /** Lets the app `clientId` send browsers back to `callbackUrl` (a tenant's callback). */
  readonly allowRedirectUri: (clientId: string, callbackUrl: string) => void;
  /**
   * The emulator's own controls (consent, failures, users), which the plugin's tests steer it with;
   * the host hands them on untouched and never reads them.
   */
  readonly control?: unknown;
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

/**
 * What the host passes to the strategy's `authenticate(req, options)` to send the browser upstream
 * (createStrategy), each key absent when there is nothing to pass.
 */
export interface PluginAuthorizeOptions {
  /** authorizationPrompt's answer for the client's `prompt`, or consentForRefreshToken's in a second round. */
  readonly prompt?: string;
  /**
   * The client's `login_hint` at /authorize (OpenID Connect Core §3.1.2.1), as it sent it, at most
   * 256 characters: the account the person will likely sign in with, usually an email address. The
   * strategy puts it in the authorize URL in the upstream's spelling where the upstream documents
   * such a parameter, and leaves it out where not: a hint never fails a login. TRY sends none.
   */
  readonly loginHint?: string;
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
  /**
   * The upstream scope that grants the whole area (several, space-separated, where only all of them
   * together do); absent when nothing is requested for it.
   */
  readonly scope?: string;
  readonly permissions: readonly PluginPermission[];
}

/** How a plugin names the upstream behind one of its APIs (wording(api)). */
export interface PluginWording {
  /** The upstream's name, e.g. "Google". */
  readonly name: string;
  /**
   * The whole sentence a client receives for a `gone` failure: what shut down and what an
   * administrator must do. Worth writing for an API with a known end (a retired API the connection
   * should leave for another); absent, the host says that the upstream answered 410 Gone and an
   * administrator must check the connection.
   */
  readonly gone?: string;
  /**
   * When a login brings no refresh token although one was asked for: why this upstream sends none
   * and what a user who signs in like that must do. The login's log event and TRY's result both say
   * it. Undefined: the host says that fitgate cannot renew such a user's tokens, so they must sign
   * in again once the access token expires.
   */
  readonly noRefreshToken?: string;
}

/** A plugin's wording as the host uses it, every sentence settled (upstream/plugin_defaults.ts). */
export interface UpstreamWording extends PluginWording {
  readonly gone: string;
  readonly noRefreshToken: string;
}

/**
 * Every kind of failure a plugin reports (as `kind` on the errors it throws or passes to Passport),
 * one per distinct remedy. Whose remedy a kind is (the user's, the admin's, passing, a new sign-in,
 * or unexplained) is decided once, in the host's table (src/domain/upstream_remedy.ts), which the
 * login's OAuth error, TRY's explanation and the token vault all read. A kind means the same at
 * every call but three, whose remedy the table keys by operation, authorize or code exchange (a login,
 * a TRY) against refresh (the vault): `unauthorized_client` is the admin's at a login (the client
 * may not sign this account in) and a new sign-in at a refresh (the tokens were issued to another
 * client); `gone` is the admin's at a login (move the connection to what the upstream serves now)
 * and a new sign-in at a refresh (the tokens it issued are dead); `invalid_token` is a new sign-in
 * at a login (the access token its code exchange had just issued was withdrawn before the login
 * could use it) and unexplained at a refresh.
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
   * The remedy (PluginErrorKind says where it is decided). It decides the OAuth error a client
   * receives for a failed login, what the token vault does about stored tokens (wait and retry, or
   * ask the user to sign in again) and which explanation a failed TRY shows the admin.
   */
  readonly kind: PluginErrorKind;
  /** The upstream's HTTP status; absent when no response came. A login's outage description and TRY's report name it. */
  readonly status?: number | undefined;
  /**
   * For `rate_limited`: seconds until the upstream's quota resets, from Retry-After or the
   * upstream's own header. The client's description names it; the vault calls the upstream for that
   * identity (or, by rateLimitScope, that connection) no more until then.
   */
  readonly retryAfterSeconds?: number | undefined;
  /**
   * For `rate_limited`: whose quota the call ran out of, as the upstream documents its limits (a
   * plugin that cannot tell leaves it out). Absent, or on any other kind: ignored.
   */
  readonly rateLimitScope?: RateLimitScope | undefined;
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
 * Whose quota a rate-limited call ran out of (PluginFailure.rateLimitScope), which decides what else
 * the host holds back until the quota resets:
 * - `user`: the one user's, counted per user of the connection's client (legacy Fitbit's 150
 *   requests per user per hour). The vault calls the upstream no more for that identity, and other
 *   users' calls go on. The same as leaving the scope out.
 * - `client`: the connection's upstream client's, which every user of it shares (what Google calls
 *   the project, Strava the application: Strava's 200 requests per 15 minutes and 2,000 a day for the
 *   whole app). Every other user's call would be refused too, so the vault calls the upstream for no
 *   identity of that connection (in that tenant) until the quota resets, on every instance. A login
 *   still tries: a person who signs in is worth one call.
 * Say `client` only when the upstream documents a shared quota for that call and its answer cannot
 * be a user's: a user's 429 read as the client's holds back every user of the connection.
 */
export type RateLimitScope = 'user' | 'client';

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
 * `not_configured`: no client id and no sandbox, so nothing to try; `secret_unreadable`: the stored
 * client secret cannot be opened (sealed under a master key no longer configured); `tls` and
 * `network`: a passing failure whose `cause` is the HTTP port's socket error saying the upstream was
 * never reached (unreached_upstream.ts: a TLS handshake that failed, a connection that could not be
 * had), which the admin or operator fixes on fitgate's side; `unknown`: a failure that is no
 * plugin's (fitgate's own, or one breaking the contract above).
 */
export type TryFailureKind = PluginErrorKind | 'unknown_client' | 'expired' | 'not_configured' | 'secret_unreadable' | 'tls' | 'network' | 'unknown';

/**
 * A failed TRY explained (explainFailure): what it means, how to fix it, and `field`, the place on
 * the connection's settings page where the fix is made, when it is made there; the dashboard links
 * the admin to that place. Leave `field` out when the fix lies elsewhere alone (the upstream's
 * console, the account, the consent page, waiting).
 */
export interface FailureExplanation {
  readonly meaning: string;
  readonly fix: string;
  readonly field?: SettingsField | undefined;
}

/**
 * A place on a connection's settings page, named the same for every plugin: one of the settings
 * (ConnectionSettingsInput's keys, as SettingsIssue names them), `callbackUrl`, the tenant's callback
 * URL the page shows for registering upstream, or `setupSteps`, the setup steps of the API tried.
 */
export type SettingsField = keyof ConnectionSettingsInput | 'callbackUrl' | 'setupSteps';

/**
 * The settings an admin sent, as parseSettings receives them: each one absent when not given, so
 * that the plugin's default applies (a PATCH replaces the whole options, as Auth0's does). The
 * credentials are trimmed and a blank one is left out; `clientSecret` is in clear, the one just
 * typed, or the stored one when the same client ID and API were sent again (write-only, so no
 * reader can send it back).
 */
export interface ConnectionSettingsInput {
  /** Meant as one of `apis`' ids, but whatever the admin sent: refuse any other. */
  readonly api?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Meant as permission names (`permissions(api)`), possibly repeated: refuse an unknown one. */
  readonly scope?: readonly string[];
}

/**
 * One problem parseSettings found. `field` names the setting of the input ("api", "clientId",
 * "clientSecret", "scope", or "scope.2" for one name of the list); `message` says what is wrong, a
 * phrase the host shows after the setting's name ("must list at least one permission"): the
 * dashboard beside that field ("Permissions: must list ..."), the Management API as
 * `'<message>' on property options.<client_id, scope, ...>`. Word it with the names the admin sees
 * (an API's `name`, "permission"), not internal ids.
 */
export interface SettingsIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * parseSettings' verdict: the settings to store, or every problem found, at least one, in the order
 * the admin should read them (the Management API, which names one property as Auth0 does, reports
 * the first; the dashboard shows each beside its field).
 */
export type ParsedConnectionSettings =
  | { readonly ok: true; readonly value: ConnectionSettings }
  | { readonly ok: false; readonly issues: readonly [SettingsIssue, ...SettingsIssue[]] };

/** A connection's settings as parseSettings accepts them: the options the host stores, but for its own profileSync. */
export interface ConnectionSettings {
  /** One of `apis`' ids: the mode every other call about this connection names. */
  readonly api: string;
  /** The upstream OAuth client; absent: the connection is unconfigured (the sandbox may stand in). */
  readonly clientId?: string;
  /** Sealed at rest and never shown again; absent only where the API's `clientSecretOptional` allows it. */
  readonly clientSecret?: string;
  /** Permission names, each once: what the strategy receives as `scope` and a TRY asks for. */
  readonly scope: readonly string[];
}

export interface PluginClientOptions {
  api: string;
  clientID: string;
  clientSecret?: string;
  /**
   * Set when an emulator stands in for the upstream: call every upstream URL under it, the query
   * kept, as https://HOST/PATH?QUERY → `${upstreamBaseUrl}/HOST/PATH?QUERY` (a trailing slash of the
   * base dropped). The sandbox sets it for a connection without credentials; FITGATE_UPSTREAM_BASE_URL
   * sets it for a connection with credentials only when the plugin's `sandbox` plays its API, so a
   * plugin without a sandbox never sees it. Absent: the real upstream. upstreamFetch
   * applies it; a plugin calling by other means must.
   */
  upstreamBaseUrl?: string;
  /** Bound on each upstream call, in milliseconds: upstreamFetch applies it; a plugin calling by other means must. */
  timeoutMs?: number;
  /**
   * Hears each upstream HTTP call once it ended (fitgate's metrics); must not throw. upstreamFetch
   * reports to it: a plugin calling by other means must.
   */
  onUpstreamCall?: (call: { operation: string; durationMs: number; status?: number | undefined; errorKind?: string | undefined }) => void;
  /**
   * The host's HTTP port: node:http with the three options above applied, for every upstream call
   * the plugin makes (token, refresh, revoke, profile), so that it re-implements none of them. Set
   * by the host on every client it builds. Where a plugin is built by other code (a test, the
   * bench's peer), the options above are all there is: build the same port from them with
   * createUpstreamFetch (upstream_fetch.ts, beside this file). See UpstreamFetch.
   */
  upstreamFetch?: UpstreamFetch;
}

/**
 * The HTTP port for one connection (PluginClientOptions.upstreamFetch). `url` is the upstream's
 * real https URL: under upstreamBaseUrl the port calls it there, by the rewrite that option
 * documents (a URL not starting with https:// then rejects with a TypeError, nothing sent).
 * `operation` names the call in the metrics (`token`, `refresh`, `revoke`, `profile`, ...): one of
 * a fixed list, never a URL or an id (docs/writing-a-plugin.md, "Metric labels").
 *
 * It is no WHATWG fetch: it speaks node:http over pooled keep-alive connections, about a fifth of
 * fetch's CPU per small JSON exchange (a login makes two or three), and follows no redirect (a 3xx
 * is the answer). It resolves with the upstream's answer, whatever its status, once the whole body
 * arrived, as plain data (UpstreamAnswer), for the plugin to turn into a PluginFailure when the
 * status says so (the port judges no answer). It rejects when no answer came, or none it can use:
 * - past timeoutMs (the body included), with an Error whose `name` is "TimeoutError" (with
 *   `operation` and `timeoutMs`): the plugin's `timeout` failure;
 * - for a body larger than the port's bound (1 MiB unless createUpstreamFetch was given another;
 *   an announced Content-Length is checked before any of the body is read), with an Error whose
 *   `name` is "BodyTooLargeError", the rest unread and the connection closed: a PluginFailure as
 *   it stands (`kind` `bad_response`, `operation`, `status`), with `maxBodyBytes`;
 * - else with the socket's error, unchanged, its `code` saying what happened (ECONNREFUSED,
 *   ECONNRESET, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT): the plugin's `unavailable` failure,
 *   usually. A plugin that wraps it keeps it as its failure's `cause` (Error's own option): the
 *   login's log line carries it, and TRY reads its code there to tell the admin a certificate or
 *   network problem on fitgate's side from an upstream that is down.
 * A request that dies on a kept-alive connection before any answer is sent once more on a new one
 * only when a second copy cannot repeat what the first did: a GET or HEAD, or another method whose
 * request never wholly left (a code exchange or a refresh the upstream carried out must not be
 * spent twice).
 *
 * Each call is reported to onUpstreamCall once it ended, whatever the observer throws (ignored):
 * `status` for an answer; `errorKind` for a 2xx absent, unless `init.failureKindAt2xx` reads it as a
 * refusal; else `init.failureKind`'s reading, or from 400 on by the status alone (429
 * `rate_limited`, 410 `gone`, 5xx `unavailable`, any other `upstream_error`), absent for a 3xx the
 * reading leaves alone; `bad_response`, with the status, for a body past the bound; with no status
 * when no answer came: `timeout` past the bound, `tls` or `network` when the socket's code says the
 * upstream was never reached (unreached_upstream.ts), else `unavailable`.
 */
export type UpstreamFetch = (operation: string, url: string, init?: UpstreamFetchInit) => Promise<UpstreamAnswer>;

/** What one upstream call sends, and how to count a refusal. */
export interface UpstreamFetchInit {
  /** GET, or POST when a body is given. */
  readonly method?: string;
  /** Sent as given; the port adds content-length for a body and, for a form, content-type. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A string is sent as it is; URLSearchParams as a form, with content-type
   * `application/x-www-form-urlencoded;charset=UTF-8` unless `headers` name one.
   */
  readonly body?: string | URLSearchParams;
  /**
   * The PluginErrorKind an answer outside 2xx means, for the metrics alone (the call still
   * resolves with the answer): an OAuth 400 `invalid_grant` is a user's withdrawn grant, no outage,
   * which the status cannot tell. Undefined, a throw or no reader: the status's kind.
   */
  readonly failureKind?: (answer: UpstreamAnswer) => PluginErrorKind | undefined;
  /**
   * The PluginErrorKind a 2xx answer means, for an upstream that may refuse inside one (an HTTP 200
   * whose body says the refresh token is invalid), for the metrics alone as failureKind is.
   * Undefined, a throw or no reader: the 2xx counts as ok.
   */
  readonly failureKindAt2xx?: (answer: UpstreamAnswer) => PluginErrorKind | undefined;
}

/** The upstream's whole answer, as upstreamFetch resolves with it. */
export interface UpstreamAnswer {
  readonly status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded as UTF-8. */
  readonly body: string;
}

export interface PluginStrategyOptions extends PluginClientOptions {
  callbackURL: string;
  /**
   * Permission names as the connection's `scope` lists them, never upstream scopes: the strategy
   * asks the upstream for their `upstreamScopes` (permissions(api)).
   */
  scope: string[];
  /**
   * The base for the authorize URL alone, by the same rewrite as upstreamBaseUrl, when the browser
   * reaches the emulator elsewhere than fitgate does: the sandbox is served to the browser on the
   * tenant's own host (`<tenant URL>/_sandbox`) and to fitgate over loopback. Absent: upstreamBaseUrl.
   */
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
  /** At a refresh, absent when the upstream sent no new one: the host keeps the one it holds. */
  refreshToken?: string;
  expiresIn: number;
  /**
   * The permissions the user granted, as permission names (those of permissions(api), the
   * connection's `scope` vocabulary), never the upstream's scope strings: the identity stores them
   * (the Management API's `granted_scopes`), and TRY's result lists them as granted, and the
   * requested ones missing here as not granted, so a login and its TRY never disagree. An upstream
   * that grants by area grants every permission of the area. Empty at a refresh: the upstream did not
   * say, and the host keeps the stored list. Some upstreams report the grant only on the callback
   * URL's query, not in the token answer: OAuth2LoginStrategy reads it there under
   * `grantedScopeFrom: 'callback'`, and grantedPermissions (oauth2/granted_scopes.ts) maps either
   * place's to permission names (a strategy of its own: passport-oauth2's passReqToCallback).
   */
  grantedScopes: string[];
}

export type PluginVerify = (
  tokens: PluginTokens,
  profile: PluginProfile,
  done: (error: unknown, user?: unknown, info?: unknown) => void,
) => void;

/** Passport's normalised profile plus the id the host needs for a user moved from another API. */
export interface PluginProfile {
  provider: string;
  /** The user's id at the upstream: with the strategy name, the user's `user_id` (`fitbit|<id>`). */
  id: string;
  /**
   * The user's id at the upstream's previous API, when this API reports one (Google Health's
   * legacyUserId is the Fitbit Web API's): the host then finds the user who logged in through that
   * API before, and keeps their `user_id`.
   * "legacy" in a stored or sent name (Identity.legacyUserId, `legacy_user_id`, `migrated_from_legacy`) means this previous API, whatever the plugin.
   */
  legacyUserId?: string;
  displayName?: string;
  name?: { familyName?: string; givenName?: string };
  emails?: Array<{ value: string; verified?: boolean }>;
  photos?: Array<{ value: string }>;
  _json: Record<string, unknown>;
  _raw: string;
}

/** Every token the host holds for one grant; the plugin revokes the one its upstream needs. */
export interface RevocableTokens {
  /** The last one issued: possibly expired. */
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  /**
   * When accessToken expires, in epoch milliseconds (as the host stores it): an upstream that revokes
   * with a live access token only can refresh first when it has passed, instead of trying, being
   * refused and refreshing then. Absent when the host does not know it.
   */
  readonly accessTokenExpiresAt?: number | undefined;
  /**
   * The user's id at the upstream's API that issued these tokens (PluginProfile.id as the identity
   * stored it), for an upstream whose revocation names the user beside the token (Withings'
   * `userid`). Absent when the host does not know it.
   */
  readonly upstreamUserId?: string | undefined;
}

export interface PluginTokenClient {
  /** A new access token for a stored refresh token; rejects with a PluginFailure. */
  refresh(refreshToken: string): Promise<PluginTokens>;
  /**
   * Ends the user's grant at the upstream, best effort: when a user or an identity is removed (the
   * host has dropped the tokens already) and after a login that moved the user to another API. The
   * upstream's way decides which token to send: the one that ends the whole grant and is most likely
   * still accepted. An upstream that revokes a refresh token sends it, else the access token (the
   * Fitbit plugin does so, at both its APIs); one that accepts a live access token only refreshes
   * first when accessTokenExpiresAt has passed. Nothing the host stores changes: a token a refresh
   * here rotates is dropped with the grant. Resolves once the upstream accepted, which the host logs
   * and records as `revoked`; rejects with a PluginFailure otherwise, recorded as `failed`, never
   * failing what asked for it.
   */
  revoke(tokens: RevocableTokens): Promise<void>;
}

/**
 * The compile-time checks a registry entry runs on its plugin, one line each (registry.ts): the
 * plugin is a ConnectionPlugin, and the failures it reports outside any declared member (the errors
 * its token client rejects with and its strategy passes to Passport) fit PluginFailure, so that a
 * field renamed or retyped fails the type check instead of a login whose cause the host can no
 * longer read. `Failures.failure` is what all of them are (the base class, or the union); it must
 * declare every PluginFailure field, even as `T | undefined`, except retryAfterSeconds and
 * rateLimitScope, which `rateLimited`, the failure of kind `rate_limited`, declares (again `T |
 * undefined` allowed: declaring the scope makes its author decide it). `challenge` is what the
 * strategy passes to Passport's `fail` for the user's refusal.
 */
export type PluginConforms<
  Plugin extends ConnectionPlugin,
  Failures extends {
    failure: PluginFailure & { readonly [Field in Exclude<keyof PluginFailure, RateLimitField>]-?: unknown };
    rateLimited: PluginFailure & {
      readonly kind: 'rate_limited';
      readonly retryAfterSeconds: number | undefined;
      readonly rateLimitScope: RateLimitScope | undefined;
    };
    challenge: PluginFailChallenge;
  },
> = { readonly plugin: Plugin; readonly failures: Failures };

/** The PluginFailure fields only a failure of kind `rate_limited` declares (PluginConforms). */
type RateLimitField = 'retryAfterSeconds' | 'rateLimitScope';
