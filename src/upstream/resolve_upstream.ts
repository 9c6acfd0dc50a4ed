import type { Config } from '../config/index.js';
import type { ConnectionPlugin, PluginClientOptions, PluginTokenClient, UpstreamWording } from '../connections/plugin.js';
import { createUpstreamFetch } from '../connections/upstream_fetch.js';
import type { Sealer } from '../domain/ports.js';
import { callbackUrlOf, roundTripTenantUrl } from '../domain/tenants.js';
import { usesSandbox } from '../domain/sandbox_use.js';
import type { Connection, Sealed } from '../domain/types.js';
import { CredentialsForOtherApiError } from '../domain/upstream_token_client.js';
import type { Metrics } from '../metrics/metrics.js';
import { offeredApi, wordingOf } from './plugin_defaults.js';
import { ConnectionNotConfiguredError, ConnectionSecretUnreadableError, NoPluginError } from './resolver_errors.js';
import { buildRoundTripStrategy, type RoundTripStrategy } from './round_trip_strategy.js';
import { SANDBOX_PATH, type EmulatedUpstreams, type SandboxCredentials, type SandboxUpstream } from './sandbox_upstream.js';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/** Beyond this many connection versions the cache of resolved upstreams starts over. */
const MAX_RESOLVED = 1_000;

/** How fitgate reaches a connection's upstream: its plugin, and the options every plugin call needs. */
export interface ResolvedUpstream {
  readonly plugin: ConnectionPlugin;
  readonly client: PluginClientOptions;
  /** How the plugin names this upstream in messages ("Google", "Fitbit"). */
  readonly wording: UpstreamWording;
  /** Front-channel base for the authorize redirect, when it differs from the back channel's. */
  readonly authorizationBaseUrl?: string;
  /** True when the plugin's sandbox (its emulator) stands in for the upstream. */
  readonly sandbox: boolean;
}

/** What resolving an upstream needs, of AppDeps. */
export interface UpstreamResolverDeps {
  readonly config: Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  readonly sealer: Pick<Sealer, 'open'>;
  readonly plugins: ReadonlyMap<string, ConnectionPlugin>;
  /** The plugins' sandboxes as the entry point started them; absent when FITGATE_SANDBOX is off. */
  readonly sandbox?: SandboxUpstream | undefined;
  /**
   * What the plugins' emulators at FITGATE_UPSTREAM_BASE_URL play (the entry point's AppDeps.emulated).
   * Only those upstreams are reached there: the emulators answer 404 for any other host. Absent: none is.
   */
  readonly emulated?: EmulatedUpstreams | undefined;
  readonly upstreamTimeoutMs?: number | undefined;
  readonly metrics?: Pick<Metrics, 'upstream'> | undefined;
}

/**
 * Built once (src/services.ts) and handed to every route that reaches an upstream. Both members
 * reach the connection's upstream, resolved once per connection version: with credentials, the real
 * upstream (or FITGATE_UPSTREAM_BASE_URL's emulator, when one plays that upstream); without, and with
 * the sandbox on, the plugin's sandbox, reached by the browser on the tenant's own host and by
 * fitgate over loopback, when it plays the connection's upstream (domain/sandbox_use.ts).
 * Without credentials and without a sandbox that plays it they throw ConnectionNotConfiguredError;
 * with a stored secret they cannot open, ConnectionSecretUnreadableError; with no plugin for the
 * strategy, NoPluginError (a TemporarilyUnavailableError).
 */
export interface UpstreamResolver {
  /**
   * The connection's strategy for a round trip back to `tenantUrl`'s callback URL (round_trip.ts
   * runs it), built once per connection version and tenant URL, with the upstream it reaches
   * (`upstream`). Throws as above, and what the plugin's createStrategy throws.
   */
  strategyFor(connection: Connection, tenantUrl: string): RoundTripStrategy;
  /**
   * The plugin token client of a connection, reaching the upstream a login through it reaches.
   * `api` other than the connection's (tokens of the API it moved away from) resolves only in the
   * sandbox, when it plays that API too and the plugin still offers it; with credentials of its own,
   * or for an API the plugin no longer offers, it rejects with CredentialsForOtherApiError. Rejects
   * as above, and with what the plugin's createTokenClient throws.
   */
  tokenClientFor(connection: Connection, api?: string): Promise<PluginTokenClient>;
}

/** One connection version's upstream at one tenant URL, and what is built on it when first needed. */
interface Resolution {
  readonly upstream: ResolvedUpstream;
  strategy?: RoundTripStrategy;
  tokenClient?: PluginTokenClient;
}

export function createUpstreamResolver(deps: UpstreamResolverDeps): UpstreamResolver {
  const timeoutMs = deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  // Resolved once per connection version (its options and updatedAt are in the key, so an edited
  // connection is a new entry), not per request: no unsealing of the secret per login, and no
  // strategy or token client built per login, TRY or vault call.
  const resolved = new Map<string, Resolution>();

  const observerOf = (connection: Connection) =>
    // The plugin reports each call it makes; the host labels it with the tenant and connection.
    deps.metrics ? { onUpstreamCall: deps.metrics.upstream.observerFor(connection.tenant, connection.name) } : {};

  // The loose options stay beside the port they build: a plugin may still make its own calls.
  const callOptionsOf = (connection: Connection, upstreamBaseUrl: string | undefined) => {
    const loose = { ...(upstreamBaseUrl ? { upstreamBaseUrl } : {}), timeoutMs, ...observerOf(connection) };
    return { ...loose, upstreamFetch: createUpstreamFetch(loose) };
  };

  const realUpstream = (plugin: ConnectionPlugin, connection: Connection, api: string, clientId: string): ResolvedUpstream => {
    const { clientSecret } = connection.options;
    return {
      plugin,
      wording: wordingOf(plugin, api),
      sandbox: false,
      client: {
        api,
        clientID: clientId,
        ...(clientSecret ? { clientSecret: openSecret(deps.sealer, connection, clientSecret) } : {}),
        ...callOptionsOf(connection, deps.config.upstreamBaseUrl && deps.emulated?.plays(connection.strategy, api) ? deps.config.upstreamBaseUrl : undefined),
      },
    };
  };

  const sandboxClientOf = (connection: Connection, tenantUrl: string, api: string): SandboxClient => {
    // A connection the sandbox does not play is not set up, exactly as with the sandbox off.
    if (!deps.sandbox || !usesSandbox(deps.sandbox, connection)) {
      throw new ConnectionNotConfiguredError(
        `The connection "${connection.name}" has no upstream client id yet; an administrator must configure it.`,
      );
    }
    // `api` may be another API of the same plugin (tokens from before a switch); the sandbox may not play that one.
    const credentials = deps.sandbox.credentialsFor(connection.strategy, api, callbackUrlOf(tenantUrl));
    if (!credentials) {
      throw new ConnectionNotConfiguredError(`The sandbox cannot stand in for the ${api} API of the connection "${connection.name}"; an administrator must configure its credentials.`);
    }
    return { ...credentials, upstreamBaseUrl: deps.sandbox.backChannelUrl() };
  };

  const sandboxUpstream = (plugin: ConnectionPlugin, connection: Connection, tenantUrl: string, api: string, sandboxClient: SandboxClient): ResolvedUpstream => ({
    plugin,
    wording: wordingOf(plugin, api),
    sandbox: true,
    authorizationBaseUrl: `${tenantUrl}${SANDBOX_PATH}`,
    client: { api, ...sandboxClient, ...callOptionsOf(connection, sandboxClient.upstreamBaseUrl) },
  });

  const resolutionOf = (connection: Connection, tenantUrl: string, api: string = connection.options.api): Resolution => {
    const plugin = deps.plugins.get(connection.strategy);
    if (!plugin) {
      throw new NoPluginError(`No plugin serves the ${connection.strategy} strategy of the connection "${connection.name}".`);
    }
    const offered = offeredApi(plugin, api) !== undefined;
    // Tokens of an API the connection moved away from: its own credentials are never sent there, and
    // the sandbox stands in only through a plugin that still offers it. Checked before the plugin's
    // APIs, so that tokens of an API the plugin dropped since read as moved (the vault's api_changed:
    // the user logs in again), not as a connection an administrator must configure.
    if (api !== connection.options.api && (connection.options.clientId || !offered)) {
      throw new CredentialsForOtherApiError(
        `The connection "${connection.name}" holds credentials for the ${connection.options.api} API only, not for ${api}, whose tokens these are.`,
      );
    }
    // The connection's own API, which the plugin no longer offers (dropped by an upgrade): the
    // plugin's members throw for it, so the host stops here with the admin's remedy instead.
    if (!offered) {
      throw new ConnectionNotConfiguredError(
        `The connection "${connection.name}" uses the ${api} API, which its plugin no longer offers; an administrator must choose another API in its settings.`,
      );
    }
    // The sandbox learns each tenant URL's callback on every resolve (cheap), cached or not; what
    // it answers decides whether the cached resolution still holds.
    const { clientId } = connection.options;
    const source: UpstreamSource = clientId ? { clientId } : { sandbox: sandboxClientOf(connection, tenantUrl, api) };
    const key = JSON.stringify([connection.tenant, connection.id, connection.name, connection.strategy, connection.updatedAt, connection.options, tenantUrl, api]);
    let resolution = resolved.get(key);
    if (!resolution || ('sandbox' in source && !sameSandboxClient(resolution.upstream.client, source.sandbox))) {
      const upstream = 'sandbox' in source ? sandboxUpstream(plugin, connection, tenantUrl, api, source.sandbox) : realUpstream(plugin, connection, api, source.clientId);
      resolution = { upstream };
      if (resolved.size >= MAX_RESOLVED) resolved.clear();
      resolved.set(key, resolution);
    }
    return resolution;
  };

  return {
    strategyFor: (connection, tenantUrl) => {
      const resolution = resolutionOf(connection, tenantUrl);
      // The callback URL and scope are the resolution's own (tenant URL and options are in its key).
      resolution.strategy ??= buildRoundTripStrategy(resolution.upstream, callbackUrlOf(tenantUrl), connection.options.scope);
      return resolution.strategy;
    },
    tokenClientFor: async (connection, api) => {
      // No request, no host: the tenant's URL, as for any round trip begun away from its hosts.
      const resolution = resolutionOf(connection, roundTripTenantUrl(deps.config, connection.tenant), api);
      resolution.tokenClient ??= resolution.upstream.plugin.createTokenClient(resolution.upstream.client);
      return resolution.tokenClient;
    },
  };
}

/** The connection's client secret in clear; a sealed value the sealer refuses is the connection's to fix. */
function openSecret(sealer: Pick<Sealer, 'open'>, connection: Connection, sealed: Sealed): string {
  try {
    return sealer.open(sealed);
  } catch (error) {
    throw new ConnectionSecretUnreadableError(`The client secret of the connection "${connection.name}" cannot be opened.`, { cause: error });
  }
}

/** The sandbox's app for one upstream and where fitgate reaches it. */
type SandboxClient = SandboxCredentials & { readonly upstreamBaseUrl: string };

/** Whose client a login uses: the connection's own, or the sandbox's. */
type UpstreamSource = { readonly clientId: string } | { readonly sandbox: SandboxClient };

function sameSandboxClient(client: PluginClientOptions, sandboxClient: SandboxClient): boolean {
  return (
    client.clientID === sandboxClient.clientID &&
    client.clientSecret === sandboxClient.clientSecret &&
    client.upstreamBaseUrl === sandboxClient.upstreamBaseUrl
  );
}
