import type { ConnectionPlugin } from '../../src/connections/plugin.js';
import type { Sealer } from '../../src/domain/ports.js';
import type { Connection } from '../../src/domain/types.js';
import { acmeOAuth2Plugin } from './fake_plugin.js';
import type { FakeOAuth2Upstream } from './fake_oauth2_upstream.js';

/**
 * The plain OAuth 2.0 plugins (on OAuth2LoginStrategy) a login and a TRY are both tested with, on
 * `upstream`: "acme" (no PKCE), "acme_stale" (its state check refuses every state) and "acme_storeless" (it ignores the
 * host's state store). Keyed by strategy, as the app takes its plugins.
 */
export function acmePlugins(upstream: FakeOAuth2Upstream): Map<string, ConnectionPlugin> {
  return new Map(
    [
      acmeOAuth2Plugin({ upstreamUrl: upstream.url }),
      acmeOAuth2Plugin({ upstreamUrl: upstream.url, strategy: 'acme_stale', refuseEveryState: true }),
      acmeOAuth2Plugin({ upstreamUrl: upstream.url, strategy: 'acme_storeless', ignoreStore: true }),
    ].map((plugin) => [plugin.strategy, plugin]),
  );
}

/** The default tenant's connection of `strategy`, with `upstream`'s credentials, enabled for `enabledClients`. */
export function acmeConnection(upstream: FakeOAuth2Upstream, sealer: Sealer, strategy: string, enabledClients: string[]): Connection {
  const now = new Date().toISOString();
  return {
    tenant: 'default',
    id: `con_${strategy.replace('_', '')}0000000000`,
    name: strategy,
    strategy,
    options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login', clientId: upstream.clientId, clientSecret: sealer.seal(upstream.clientSecret) },
    enabledClients,
    createdAt: now,
    updatedAt: now,
  };
}
