import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { ConnectionNotConfiguredError, ConnectionSecretUnreadableError } from '../../../src/upstream/resolver_errors.js';
import { upstreamOf } from '../../support/resolved_upstream.js';

const TENANT_URL = 'https://acme.fitgate.example';
const CONFIG = { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;

function connection(options: Partial<Connection['options']> = {}, strategy = 'fitbit'): Connection {
  return {
    tenant: 'acme',
    id: 'con_fitbit',
    name: 'fitbit',
    strategy,
    options: { api: 'google-health', scope: ['activity'], profileSync: 'on_each_login', ...options },
    enabledClients: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

const lostKey = new Error('cannot open sealed value: sealed under key k1, which is not configured in FITGATE_MASTER_KEY');
const resolver = createUpstreamResolver({
  config: CONFIG,
  plugins: connectionPlugins(),
  sealer: {
    open: (sealed: Sealed) => {
      if (String(sealed) === 'sealed-under-a-lost-key') throw lostKey;
      return String(sealed);
    },
  },
});

/** What TRY tells apart: "nothing to try" (the settings to fill in) against every other refusal. */
describe('the resolver’s refusals', () => {
  it('refuses a connection without credentials, the sandbox off, as not configured: a temporarily_unavailable at login', () => {
    const attempt = () => upstreamOf(resolver, connection(), TENANT_URL);
    expect(attempt).toThrow(ConnectionNotConfiguredError);
    expect(attempt).toThrow(TemporarilyUnavailableError);
  });

  it('refuses a stored secret it cannot open as unreadable, keeping the sealer’s reason, and not as not configured', () => {
    let thrown: unknown;
    try {
      upstreamOf(resolver, connection({ clientId: 'upstream-client', clientSecret: 'sealed-under-a-lost-key' as unknown as Sealed }), TENANT_URL);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConnectionSecretUnreadableError);
    expect(thrown).not.toBeInstanceOf(ConnectionNotConfiguredError);
    expect((thrown as Error).cause).toBe(lostKey);
  });

  it('refuses a strategy no plugin serves, but not as not configured', () => {
    const attempt = () => upstreamOf(resolver, connection({ clientId: 'upstream-client' }, 'strava'), TENANT_URL);
    expect(attempt).toThrow(/No plugin serves the strava strategy/);
    expect(attempt).not.toThrow(ConnectionNotConfiguredError);
  });
});
