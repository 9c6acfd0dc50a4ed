import type { ConnectionPlugin, FailureExplanation, PluginErrorKind, PluginFailure, SettingsField, TryFailureKind } from '../../connections/plugin.js';
import { unreachedCauseOf, type UnreachedCause } from '../../connections/unreached_upstream.js';
import { readPluginFailure } from '../../domain/read_plugin_failure.js';
import { remedyOf, type UpstreamRemedy } from '../../domain/upstream_remedy.js';
import type { AppError } from '../../errors/index.js';
import { failureOrigin } from '../../http/failure_origin.js';
import { explanationOf, offeredApi } from '../../upstream/plugin_defaults.js';
import { ConnectionNotConfiguredError, ConnectionSecretUnreadableError } from '../../upstream/resolver_errors.js';

/**
 * What a failed TRY means and how to fix it, by the kind of failure: a plugin's (read by the one
 * reader of plugin failures, domain/read_plugin_failure.ts) or one the host found itself. Whose
 * remedy a plugin's kind is comes from the host's one table (domain/upstream_remedy.ts), which the
 * login and the vault read too; this file only words it. The plugin words the remedies that lie in
 * its upstream's own console, the host the rest: these are the host's words, the default of the
 * plugin's explainFailure, which upstream/plugin_defaults.ts applies beside the other defaults
 * (explanationOf) while the words stay here, with the page that shows them.
 */
export interface TryFailure {
  kind: TryFailureKind;
  /** What the upstream said, in its own words (code, message, HTTP status); never a token. */
  upstreamSaid: string;
  meaning: string;
  fix: string;
  /** Where on the connection's settings page the fix is made, when it is made there: the page links to it. */
  field?: SettingsField | undefined;
  /**
   * When the upstream refused the client: the plugin's advice on the credentials tried, as a save
   * shows it (credential_advice_on_refusal.ts). Never holds the secret.
   */
  advice?: string[];
}

export interface FailureContext {
  callbackUrl: string;
  api: string;
  /** The permissions the connection requests, among which an admin ticks those that let the upstream identify the user. */
  requestedPermissions: string[];
  /** The connection's plugin, which explains the failures only its upstream's console can fix. */
  plugin?: Pick<ConnectionPlugin, 'explainFailure' | 'apis'> | undefined;
}

/** What the failure itself says beyond its kind: when a rate limit ends. */
export type FailureFacts = Pick<PluginFailure, 'retryAfterSeconds'>;

type Explanation = (context: FailureContext, facts: FailureFacts) => FailureExplanation;

// `field` is set where the fix is made on the connection's settings page (a setting, the callback
// URL it shows, the setup steps), and only there: a fix made in the upstream's console alone, or by
// trying again, has none.
const UNKNOWN: Explanation = () => ({
  meaning: 'The upstream answered something fitgate could not use.',
  fix: 'Check the upstream client\'s settings against the setup steps, then press Try again. The upstream\'s answer above says more.',
});

/** "Wait 42 seconds" when the upstream said when, else `otherwise`. */
function waitFor({ retryAfterSeconds }: FailureFacts, otherwise: string): string {
  if (retryAfterSeconds === undefined) return otherwise;
  return `Wait ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}`;
}

// The words for a plugin's kind that has none of its own below, by the remedy the table gives it
// (a kind added to plugin.ts included): a passing failure is never sent to the settings.
const BY_REMEDY: Readonly<Record<UpstreamRemedy, Explanation>> = {
  user: () => ({
    meaning:
      'The upstream wants something of the person signing in before it lets the sign-in through: to sign in, choose an account or consent on its own pages. The connection is not at fault.',
    fix: 'Press Try again and go through every upstream page with the account you mean to use.',
  }),
  admin: () => ({
    meaning: 'The upstream refused the connection\'s client or what it asked for.',
    fix: 'Check the upstream client\'s settings against the setup steps, then press Try again. The upstream\'s answer above says more.',
    field: 'setupSteps',
  }),
  passing: (_context, facts) => ({
    meaning: 'The upstream could not serve the request just now (busy with another request, or failing for a moment). Nothing in the connection\'s settings causes it, and it passes by itself.',
    fix: `${waitFor(facts, 'Wait a minute')} and press Try again.`,
  }),
  reauthorize: () => ({
    meaning: 'The upstream refused what the sign-in produced, so the sign-in has to be done again.',
    fix: 'Press Try again and finish the upstream pages within a few minutes.',
  }),
  unexplained: UNKNOWN,
};

// An invalid_client is explained by where it happened: at authorize only the Client ID has been
// sent (unknown_client, found by authorize_preflight.ts); at the token step the upstream has
// accepted that ID already, so it is the secret it refused (invalid_client). These are the words
// for an upstream whose plugin does not say where its console keeps the credentials. None of them
// assumes how many APIs the upstream has, nor how it registers a callback (a whole URL, a domain):
// a plugin that knows says so in its setup steps, or in its own explainFailure.

/** The kinds only the host finds: no plugin reports them, so the remedy table has none of them. */
type HostKind = Exclude<TryFailureKind, PluginErrorKind>;

const HOST_EXPLANATIONS: Readonly<Record<HostKind, Explanation>> = {
  unknown_client: () => ({
    meaning:
      'The upstream does not know this Client ID: its sign-in page refused it before anyone could sign in, so the Client Secret was never tried. The ID is mistyped, belongs to a deleted client, or is not a client ID of the API this connection uses.',
    fix: 'Copy the Client ID again from the upstream client registered for the API this connection uses (copy it whole; the setup steps say where it is), paste it into Client ID, save, and press Try again.',
    field: 'clientId',
  }),
  expired: () => ({
    meaning: 'This Try was already used or took longer than 10 minutes, so its state is gone.',
    fix: 'Press Try again from the connection\'s page and finish the upstream pages within 10 minutes.',
  }),
  not_configured: ({ plugin, api }) =>
    // A stored API the plugin no longer offers (an upgrade dropped it) is as unreachable as no client.
    plugin && !offeredApi(plugin, api)
      ? {
          meaning: `The connection is set to the ${api} API, which this version of its plugin no longer offers, so there is no upstream to try.`,
          fix: 'Choose one of the APIs offered in the Settings tab, save, and press Try again.',
          field: 'api',
        }
      : {
          meaning: 'The connection has no Client ID and the sandbox is off, so there is no upstream to try.',
          fix: 'Paste the Client ID and Client Secret of your upstream client in the Settings tab, save, and press Try again.',
          field: 'clientId',
        },
  secret_unreadable: () => ({
    meaning:
      'fitgate cannot open the Client Secret stored for this connection: it was sealed under a master key that FITGATE_MASTER_KEY no longer lists, or the stored value is damaged. The upstream was not called.',
    fix: 'Paste the Client Secret again in the Settings tab and save (fitgate seals it under the current master key), or put the old key back in FITGATE_MASTER_KEY; then press Try again.',
    field: 'clientSecret',
  }),
  // Both mean the call never reached the upstream: its status page is no help, this server's side is.
  tls: () => ({
    meaning:
      'fitgate could not open a trusted TLS connection to the upstream, so nothing was asked of it: the certificate this server was shown is self-signed, expired, made out to another host name or signed by an authority Node does not trust, or what answers at that address does not speak TLS. The connection\'s settings are not at fault.',
    fix: 'Check where this server\'s calls to the upstream go. Behind a proxy or firewall that inspects TLS, give Node its certificate authority (NODE_EXTRA_CA_CERTS, a PEM file, then restart fitgate); when an emulator stands in, check FITGATE_UPSTREAM_BASE_URL. Then press Try again.',
  }),
  network: () => ({
    meaning:
      'The connection from this server to the upstream failed before any answer: its host name was not found, or the connection was refused, reset or never made. The connection\'s settings are not at fault.',
    fix: 'Check this server\'s DNS, outbound firewall and proxy (and FITGATE_UPSTREAM_BASE_URL when an emulator stands in), then press Try again. If it keeps failing while the upstream says it is up, the fault lies between the two.',
  }),
  unknown: UNKNOWN,
};

// The plugin kinds the host has words of its own for; each agrees with its remedy in the table.
const OWN_WORDS: Readonly<Partial<Record<PluginErrorKind, Explanation>>> = {
  invalid_client: () => ({
    meaning:
      'The upstream knows the Client ID (its sign-in page accepted it), but the Client Secret was refused at the token step, when fitgate exchanged the code for tokens: the secret is wrong, was rotated, or belongs to another client.',
    fix: 'Copy the client secret again from the upstream, paste it into Client Secret, save, and press Try again. Check that it belongs to the same client as the Client ID.',
    field: 'clientSecret',
  }),
  unauthorized_client: () => ({
    meaning: 'The upstream knows this client but will not let it sign in this account.',
    fix: 'In the upstream console, let this account sign in to the client (or open the client to everyone), then press Try again.',
  }),
  redirect_uri_mismatch: ({ callbackUrl }) => ({
    meaning:
      'The upstream client does not accept this tenant\'s callback URL: it is not registered with the client, or what is registered differs from it (where the upstream registers whole URLs, a trailing slash or an http/https difference is enough).',
    fix: `Register ${callbackUrl} with the upstream client exactly as the setup steps say, save it there, and press Try again.`,
    field: 'callbackUrl',
  }),
  access_denied: () => ({
    meaning: 'The user declined on the upstream consent page, so no data may be shared.',
    fix: 'Press Try again and choose Allow on the consent page.',
  }),
  insufficient_scope: ({ requestedPermissions }) => ({
    meaning: 'Permissions were left unticked on the consent page, and without them the upstream will not say who the user is.',
    fix: `Press Try again and tick at least one of ${requestedPermissions.join(', ') || 'the requested permissions'} on the consent page. Users may untick others; fitgate copes.`,
  }),
  account_unusable: () => ({
    meaning:
      'The upstream signed the account in, but will not let it be used here until it is set up or changed at the upstream. The connection is not at fault: users with such an account are told, at login, what to do.',
    fix: 'Press Try again with an account the upstream serves, or fix this one at the upstream first (its answer above says what it is missing).',
  }),
  api_not_enabled: () => ({
    meaning: 'The upstream refused the call because the API this connection uses is not enabled for the client\'s project. Every login fails this way until it is.',
    fix: 'In the upstream console, enable that API for the project that owns this Client ID, wait a few minutes, and press Try again.',
    field: 'setupSteps',
  }),
  invalid_scope: () => ({
    meaning: 'The upstream refused the permissions requested: some are not enabled for this client.',
    fix: 'In the upstream console add every scope this connection requests (see the setup steps), or untick the permissions you do not need here, save, and press Try again.',
    field: 'scope',
  }),
  gone: () => ({
    meaning: 'The upstream endpoints this connection uses are gone: they answer 410 Gone.',
    fix: 'Move this connection to what the upstream serves now, as its setup steps say (another of its APIs, when it offers one), save, and press Try again.',
    field: 'setupSteps',
  }),
  invalid_grant: ({ callbackUrl }) => ({
    meaning: 'The upstream refused the authorization code: it expired, was already used, or was issued for another callback URL.',
    fix: `Press Try again and finish the consent page within a few minutes. If it keeps failing, check what the upstream client has registered against ${callbackUrl} and the setup steps.`,
  }),
  rate_limited: (_context, facts) => ({
    meaning: 'The upstream is rate limiting this client.',
    fix: `${waitFor(facts, 'Wait a few minutes')} and press Try again.`,
  }),
  unavailable: () => ({
    meaning: 'The upstream could not be reached or answered with a server error.',
    fix: 'Check the upstream\'s status page and this server\'s network access (or FITGATE_UPSTREAM_BASE_URL when an emulator stands in), then press Try again.',
  }),
  timeout: () => ({
    meaning: 'The upstream did not answer in time.',
    fix: 'Press Try again in a minute; if it persists, check this server\'s network access to the upstream.',
  }),
  invalid_id_token: () => ({
    meaning: 'The upstream\'s id_token failed verification (signature, issuer, audience, expiry or nonce).',
    fix: 'Check that this server\'s clock is right and that the Client ID is the upstream client\'s exact ID, then press Try again.',
    field: 'clientId',
  }),
};

function isHostKind(kind: TryFailureKind): kind is HostKind {
  return Object.hasOwn(HOST_EXPLANATIONS, kind);
}

/** The host's words for a failure of `kind`: its own, else those of the kind's remedy. */
function hostExplanation(kind: TryFailureKind, context: FailureContext, facts: FailureFacts): FailureExplanation {
  const explain = isHostKind(kind) ? HOST_EXPLANATIONS[kind] : (OWN_WORDS[kind] ?? BY_REMEDY[remedyOf(kind, 'login')]);
  return explain(context, facts);
}

/**
 * "token: HTTP 401 invalid_client “Unauthorized”": the fields a plugin failure declares, or a
 * message; and when a rate limit ends, "(retry after 42 s)".
 */
export function upstreamSaidOf(error: unknown): string {
  const failure = readPluginFailure(error);
  const parts = [
    failure?.operation === undefined ? undefined : `${failure.operation}:`,
    failure?.status === undefined ? undefined : `HTTP ${failure.status}`,
    failure?.upstreamCode,
    failure?.upstreamMessage === undefined ? undefined : `“${failure.upstreamMessage}”`,
  ].filter(Boolean);
  const said = parts.length > 1 ? parts.join(' ') : (failure?.message ?? (error instanceof Error ? error.message : 'nothing the upstream said was readable'));
  return failure?.retryAfterSeconds === undefined ? said : `${said} (retry after ${failure.retryAfterSeconds} s)`;
}

/** What TRY makes of an error: a failure to explain to the admin, or fitgate's own, which it does not explain. */
export type ReadTryError = { failure: TryFailure } | { own: AppError };

/**
 * What an error a TRY ended with means for the admin, by whose it is (failure_origin.ts). fitgate's
 * own (its store not answering, wrapped or still the driver's; a connection no plugin serves) is no
 * finding about the upstream: it comes back as `own`, for the dashboard's error page, and the
 * caller logs no failed TRY. Except the resolver's refusal of a connection with nothing to reach
 * (not_configured), which is the settings' to fix, as is a stored secret it cannot open
 * (secret_unreadable). A plugin's failure is explained by its kind, but a passing one whose cause
 * is a socket error saying the upstream was never reached (unreached_upstream.ts), by `tls` or
 * `network`: the admin looks at this server's side then, not at the upstream. Anything else is
 * 'unknown', with what it says.
 */
export function tryFailureOfError(error: unknown, context: FailureContext): ReadTryError {
  const origin = failureOrigin(error);
  if ('own' in origin && !(origin.own instanceof ConnectionNotConfiguredError)) return { own: origin.own };
  if ('upstream' in origin) {
    const unreached = remedyOf(origin.upstream.kind, 'login') === 'passing' ? unreachedCauseOf(error) : undefined;
    if (unreached) return { failure: tryFailureOf(unreached.kind, unreachedSaid(origin.upstream, unreached), context) };
    return { failure: tryFailureOf(origin.upstream.kind, upstreamSaidOf(error), context, origin.upstream) };
  }
  return { failure: tryFailureOf(hostKindOf(error), upstreamSaidOf(error), context) };
}

/**
 * "token: no answer (DEPTH_ZERO_SELF_SIGNED_CERT)": Node's code, since the upstream said nothing.
 * Not Node's message: it names addresses of the operator's network ("connect ECONNREFUSED
 * 10.0.3.4:443", a proxy's host), which a tenant's admin need not see; the process log has it.
 */
function unreachedSaid(failure: PluginFailure, cause: UnreachedCause): string {
  const operation = failure.operation === undefined ? '' : `${failure.operation}: `;
  return `${operation}no answer (${cause.code})`;
}

/** The kind of a failure no plugin reported: one of the resolver's refusals, or 'unknown'. */
function hostKindOf(error: unknown): TryFailureKind {
  if (error instanceof ConnectionNotConfiguredError) return 'not_configured';
  if (error instanceof ConnectionSecretUnreadableError) return 'secret_unreadable';
  return 'unknown';
}

/**
 * The failed TRY an admin reads for a failure of `kind`: in the plugin's words where its
 * explainFailure (the plugin interface) has some, in the host's otherwise. `facts`: what the failure
 * said beyond its kind (a rate limit's end, which the host's fix names).
 */
export function tryFailureOf(kind: TryFailureKind, upstreamSaid: string, context: FailureContext, facts: FailureFacts = {}): TryFailure {
  const { meaning, fix, field } = explanationOf(context.plugin, context, kind, () => hostExplanation(kind, context, facts));
  return { kind, upstreamSaid, meaning, fix, ...(field !== undefined && { field }) };
}
