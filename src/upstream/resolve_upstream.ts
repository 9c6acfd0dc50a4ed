import type { Config } from '../config/index.js';
import type { ConnectionPlugin, PluginClientOptions, PluginTokenClient, UpstreamWording } from '../connections/plugin.js';
import type { Sealer } from '../domain/ports.js';
import { callbackUrlOf, tenantUrl } from '../domain/tenants.js';
import { usesSandbox } from '../domain/sandbox_use.js';
import type { Connection } from '../domain/types.js';
import { TemporarilyUnavailableError } from '../errors/index.js';
import type { Metrics } from '../metrics/metrics.js';
import { SANDBOX_PATH, type SandboxUpstream } from './sandbox_upstream.js';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/** Beyond this many connection versions the cache of resolved upstreams starts over. */
const MAX_RESOLVED = 1_000;

// A login makes up to four upstream calls in a row (token, keys, identity, userinfo); each has its
// own bound, and the whole gets this many of them.
const CALLS_PER_LOGIN_DEADLINE = 3;

/**
 * Asked for an API other than the one the connection's credentials were issued for: the tokens of
 * the API it moved away from cannot be refreshed or revoked through it, and sending its credentials
 * to that other upstream would only hand them to a party that never issued them. `kind` is how the
 * vault reads it (domain/upstream_token_client.ts), as it reads a plugin's failures.
 */
export class CredentialsForOtherApiError extends Error {
  readonly kind = 'api_changed';
}

/** How fitgate reaches a connection's upstream: its plugin, and the options every plugin call needs. */
export interface ResolvedUpstream {
  readonly plugin: ConnectionPlugin;
  readonly client: PluginClientOptions;
  /** How the plugin names this upstream in messages ("Google", "Fitbit"). */
  readonly wording: UpstreamWording;
  /** Front-channel base for the authorize redirect, when it differs from the back channel's. */
  readonly authorizationBaseUrl?: string;
  /** True when the built-in emulator stands in for the upstream. */
  readonly sandbox: boolean;
}

/** What resolving an upstream needs; AppDeps has all of it. */
export interface UpstreamResolverDeps {
  readonly config: Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  readonly sealer: Pick<Sealer, 'open'>;
  readonly plugins: ReadonlyMap<string, ConnectionPlugin>;
  /** The sandbox emulator as the entry point built it; absent when FITGATE_SANDBOX is off. */
  readonly sandbox?: SandboxUpstream | undefined;
  readonly upstreamTimeoutMs?: number | undefined;
  readonly metrics?: Pick<Metrics, 'upstream'> | undefined;
}

/** Built once (src/services.ts) and handed to every route that reaches an upstream. */
export interface UpstreamResolver {
  /**
   * The connection's upstream. With credentials: the real upstream (or FITGATE_UPSTREAM_BASE_URL's
   * emulator). Without, and with the sandbox on: the sandbox emulator, reached by the browser on the
   * tenant's own host and by fitgate over loopback, when the sandbox plays the connection's upstream
   * (domain/sandbox_use.ts). `api` other than the connection's (tokens of the API it moved away
   * from) resolves only in the sandbox, when it plays that API too; with credentials of its own it
   * throws CredentialsForOtherApiError.
   */
  resolve(connection: Connection, tenantUrl: string, api?: string): ResolvedUpstream;
  /** The plugin token client of a connection, reaching the upstream a login through it reaches. */
  tokenClientFor(connection: Connection, api?: string): Promise<PluginTokenClient>;
  /** Bound on a whole login (several upstream calls in a row, each bounded by the plugin). */
  readonly loginDeadlineMs: number;
}

export function createUpstreamResolver(deps: UpstreamResolverDeps): UpstreamResolver {
  const timeoutMs = deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  // Resolved once per connection version (its options and updatedAt are in the key, so an edited
  // connection is a new entry), not per request: no unsealing of the secret per login, and the
  // strategy and token client built on a resolved upstream live as long as it (round_trip.ts).
  const resolved = new Map<string, ResolvedUpstream>();
  const tokenClients = new WeakMap<ResolvedUpstream, PluginTokenClient>();
  const resolve = (connection: Connection, tenantUrl: string, api: string = connection.options.api): ResolvedUpstream => {
    // The sandbox registers the callback URL with the emulator on each resolve; it is not cached.
    if (!connection.options.clientId) return resolveNow(connection, tenantUrl, api);
    const key = JSON.stringify([connection.tenant, connection.id, connection.name, connection.strategy, connection.updatedAt, connection.options, tenantUrl, api]);
    let upstream = resolved.get(key);
    if (!upstream) {
      upstream = resolveNow(connection, tenantUrl, api);
      if (resolved.size >= MAX_RESOLVED) resolved.clear();
      resolved.set(key, upstream);
    }
    return upstream;
  };
  const resolveNow = (connection: Connection, tenantUrl: string, api: string): ResolvedUpstream => {
    const plugin = deps.plugins.get(connection.strategy);
    if (!plugin) {
      throw new TemporarilyUnavailableError(`No plugin serves the ${connection.strategy} strategy of the connection "${connection.name}".`);
    }
    const wording = plugin.wording(api);
    const { clientId, clientSecret } = connection.options;
    // The plugin reports each call it makes; the host labels it with the tenant and connection.
    const observed = deps.metrics ? { onUpstreamCall: deps.metrics.upstream.observerFor(connection.tenant, connection.name) } : {};

    if (clientId) {
      if (api !== connection.options.api) {
        throw new CredentialsForOtherApiError(
          `The connection "${connection.name}" holds credentials for the ${connection.options.api} API only, not for ${api}, whose tokens these are.`,
        );
      }
      return {
        plugin,
        wording,
        sandbox: false,
        client: {
          api,
          clientID: clientId,
          ...(clientSecret ? { clientSecret: deps.sealer.open(clientSecret) } : {}),
          ...(deps.config.upstreamBaseUrl ? { upstreamBaseUrl: deps.config.upstreamBaseUrl } : {}),
          timeoutMs,
          ...observed,
        },
      };
    }
    // A connection the sandbox does not play is not set up, exactly as with the sandbox off.
    if (!deps.sandbox || !usesSandbox(deps.sandbox, connection)) {
      throw new TemporarilyUnavailableError(
        `The connection "${connection.name}" has no upstream client id yet; an administrator must configure it.`,
      );
    }
    // `api` may be another API of the same plugin (tokens from before a switch); the sandbox may not play that one.
    const credentials = deps.sandbox.credentialsFor(connection.strategy, api, callbackUrlOf(tenantUrl));
    if (!credentials) {
      throw new TemporarilyUnavailableError(`The sandbox cannot stand in for the ${api} API of the connection "${connection.name}"; an administrator must configure its credentials.`);
    }
    return {
      plugin,
      wording,
      sandbox: true,
      authorizationBaseUrl: `${tenantUrl}${SANDBOX_PATH}`,
      client: { api, ...credentials, upstreamBaseUrl: deps.sandbox.backChannelUrl(), timeoutMs, ...observed },
    };
  };
  return {
    resolve,
    loginDeadlineMs: timeoutMs * CALLS_PER_LOGIN_DEADLINE,
    tokenClientFor: async (connection, api) => {
      const upstream = resolve(connection, tenantUrl(deps.config, connection.tenant), api);
      let client = tokenClients.get(upstream);
      if (!client) {
        client = upstream.plugin.createTokenClient(upstream.client);
        tokenClients.set(upstream, client);
      }
      return client;
    },
  };
}
