import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { CredentialsForOtherApiError } from '../../../src/domain/upstream_token_client.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { inertPlugins, upstreamOf } from '../../support/resolved_upstream.js';

const TENANT_URL = 'https://acme.fitgate.example';

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    tenant: 'acme',
    id: 'con_fitbit',
    name: 'fitbit',
    strategy: 'fitbit',
    options: { api: 'google-health', scope: ['activity', 'profile'], profileSync: 'on_each_login', clientId: 'upstream-client', clientSecret: 'sealed-1' as unknown as Sealed },
    enabledClients: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A resolver whose sealer counts how often a client secret is unsealed. */
function resolverCountingUnseals() {
  const unsealed: string[] = [];
  const config = { upstreamBaseUrl: undefined, sandbox: false, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<
    Config,
    'upstreamBaseUrl' | 'sandbox' | 'publicUrl' | 'baseHost'
  >;
  const resolver = createUpstreamResolver({
    config,
    plugins: connectionPlugins(),
    sealer: {
      open: (sealed: Sealed) => {
        unsealed.push(String(sealed));
        return `secret of ${String(sealed)}`;
      },
    },
  });
  return { resolver, unsealed };
}

describe('createUpstreamResolver', () => {
  it('resolves a connection once per version: the same upstream, its secret unsealed once', () => {
    const { resolver, unsealed } = resolverCountingUnseals();
    const first = upstreamOf(resolver, connection(), TENANT_URL);
    expect(upstreamOf(resolver, connection(), TENANT_URL)).toBe(first);
    expect(unsealed).toEqual(['sealed-1']);
    expect(first.client.clientSecret).toBe('secret of sealed-1');
  });

  it('resolves again when the connection changed, so a new secret is used at once', () => {
    const { resolver } = resolverCountingUnseals();
    const before = upstreamOf(resolver, connection(), TENANT_URL);
    const edited = connection({ options: { ...connection().options, clientSecret: 'sealed-2' as unknown as Sealed } });
    const after = upstreamOf(resolver, edited, TENANT_URL);
    expect(after).not.toBe(before);
    expect(after.client.clientSecret).toBe('secret of sealed-2');
    expect(upstreamOf(resolver, connection({ updatedAt: '2026-12-01T00:00:01.000Z' }), TENANT_URL)).not.toBe(before);
  });

  it('keeps tenants, connections and APIs apart', () => {
    const { resolver } = resolverCountingUnseals();
    const base = upstreamOf(resolver, connection(), TENANT_URL);
    expect(upstreamOf(resolver, connection({ tenant: 'other' }), 'https://other.fitgate.example')).not.toBe(base);
    expect(upstreamOf(resolver, connection({ id: 'con_other' }), TENANT_URL)).not.toBe(base);
    const legacyConnection = connection({ options: { ...connection().options, api: 'fitbit-legacy' } });
    const legacy = upstreamOf(resolver, legacyConnection, TENANT_URL);
    expect(legacy).not.toBe(base);
    expect(legacy.client.api).toBe('fitbit-legacy');
  });

  it('never pairs a connection’s credentials with another API: its old tokens get a typed refusal, the secret stays sealed', async () => {
    const { resolver, unsealed } = resolverCountingUnseals();
    await expect(resolver.tokenClientFor(connection(), 'fitbit-legacy')).rejects.toThrow(CredentialsForOtherApiError);
    await expect(resolver.tokenClientFor(connection(), 'fitbit-legacy')).rejects.toThrow('holds credentials for the google-health API only, not for fitbit-legacy');
    expect(unsealed).toEqual([]);
  });

  it('builds one token client per connection version', async () => {
    const { resolver } = resolverCountingUnseals();
    const client = await resolver.tokenClientFor(connection());
    expect(await resolver.tokenClientFor(connection())).toBe(client);
    expect(await resolver.tokenClientFor(connection({ updatedAt: '2026-12-02T00:00:00.000Z' }))).not.toBe(client);
  });

  it('words a 410 and a login without a refresh token in the plugin’s sentences, or in the host’s where the plugin wrote none', () => {
    const resolver = createUpstreamResolver({
      config: { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>,
      plugins: inertPlugins(fakePlugin()),
      sealer: { open: (sealed: Sealed) => String(sealed) },
    });
    const acme = (api: string) => connection({ strategy: 'acme', name: 'acme', options: { api, scope: ['steps'], profileSync: 'on_each_login', clientId: 'acme-client' } });
    const noRefreshToken = 'fitgate cannot renew the Acme tokens of a user who signs in like this: once the access token expires, they must sign in again.';
    expect(upstreamOf(resolver, acme('acme-v1'), TENANT_URL).wording).toEqual({ name: 'Acme', gone: 'Acme v1 is retired; switch this connection to acme-v2.', noRefreshToken });
    expect(upstreamOf(resolver, acme('acme-v2'), TENANT_URL).wording).toEqual({
      name: 'Acme',
      gone: "Acme answered that this API is gone (HTTP 410 Gone); an administrator must check the connection's settings.",
      noRefreshToken,
    });
  });
});
