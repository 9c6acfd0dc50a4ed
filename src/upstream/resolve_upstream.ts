import type { AppDeps } from '../app_deps.js';
import type { ConnectionPlugin, PluginClientOptions } from '../connections/plugin.js';
import type { Connection, UpstreamApi } from '../domain/types.js';
import { TemporarilyUnavailableError } from '../errors/index.js';
import { SANDBOX_PATH, sandboxOf } from './sandbox.js';

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/** How fitgate reaches a connection's upstream: its plugin, and the options every plugin call needs. */
export interface ResolvedUpstream {
  readonly plugin: ConnectionPlugin;
  readonly client: PluginClientOptions;
  /** Front-channel base for the authorize redirect, when it differs from the back channel's. */
  readonly authorizationBaseUrl?: string;
  /** True when the built-in emulator stands in for the upstream. */
  readonly sandbox: boolean;
}

/**
 * Resolves a connection to its upstream. With credentials: the real upstream (or
 * FITGATE_UPSTREAM_BASE_URL's emulator). Without, and with the sandbox on: the sandbox emulator,
 * reached by the browser on the tenant's own host and by fitgate over loopback. `api` other than the
 * connection's is for revoking a legacy token after the connection moved to google-health.
 */
export function resolveUpstream(
  deps: AppDeps,
  connection: Connection,
  tenantUrl: string,
  api: UpstreamApi = connection.options.api,
): ResolvedUpstream {
  const plugin = deps.plugins.get(connection.strategy);
  if (!plugin) {
    throw new TemporarilyUnavailableError(`No plugin serves the ${connection.strategy} strategy of the connection "${connection.name}".`);
  }
  const { clientId, clientSecret } = connection.options;
  const timeoutMs = deps.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  // The plugin reports each call it makes; the host labels it with the tenant and connection.
  const observed = deps.metrics ? { onUpstreamCall: deps.metrics.upstream.observerFor(connection.tenant, connection.name) } : {};

  if (clientId) {
    return {
      plugin,
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
  if (!deps.config.sandbox) {
    throw new TemporarilyUnavailableError(
      `The connection "${connection.name}" has no upstream client id yet; an administrator must configure it.`,
    );
  }
  const sandbox = sandboxOf(deps);
  const credentials = sandbox.credentialsFor(api, callbackUrlOf(tenantUrl));
  return {
    plugin,
    sandbox: true,
    authorizationBaseUrl: `${tenantUrl}${SANDBOX_PATH}`,
    client: { api, ...credentials, upstreamBaseUrl: sandbox.backChannelUrl(), timeoutMs, ...observed },
  };
}

/** Every tenant's upstream callback URL (DESIGN.md): what admins register with Fitbit and Google. */
export function callbackUrlOf(tenantUrl: string): string {
  return `${tenantUrl}/login/callback`;
}
