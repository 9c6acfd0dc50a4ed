import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Sealed } from '../../../src/domain/types.js';
import { CredentialsForOtherApiError, upstreamFailureOf } from '../../../src/domain/upstream_token_client.js';
import { TokenUnavailableError } from '../../../src/domain/vault_errors.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { ConnectionNotConfiguredError } from '../../../src/upstream/resolver_errors.js';
import { vaultTokenClients } from '../../../src/upstream/vault_token_clients.js';
import { connectionRecord } from '../../support/connection_record.js';
import { inertPlugins } from '../../support/resolved_upstream.js';

// The vault's token clients: each refusal of the resolver arrives as a vault failure with its own
// reason and the administrator's remedy, the moved-API refusal stays api_changed, and a login's
// resolving is left as it was.

const TENANT_URL = 'https://acme.fitgate.example';
const lostKey = new Error('cannot open sealed value: sealed under key k1, which is not configured in FITGATE_MASTER_KEY');
const upstreams = createUpstreamResolver({
  config: { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>,
  plugins: inertPlugins(...connectionPlugins().values()),
  sealer: {
    open: (sealed: Sealed) => {
      if (String(sealed) === 'sealed-under-a-lost-key') throw lostKey;
      return String(sealed);
    },
  },
});
const tokenClientFor = vaultTokenClients(upstreams);

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}

describe('the vault’s token clients', () => {
  it('refuse a connection without credentials, the sandbox off, as not configured, naming what to set', async () => {
    const error = await refusal(tokenClientFor(connectionRecord('fitbit', 'google-health', { credentials: false }), 'google-health'));
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'connection_not_configured' });
    expect((error as Error).message).toMatch(/has no upstream client id yet; an administrator must configure it\. Until then the fitbit tokens cannot be refreshed\.$/);
  });

  it('refuse a connection on an API its plugin no longer offers as not configured, naming the API to choose', async () => {
    const error = await refusal(tokenClientFor(connectionRecord('fitbit', 'fitbit-retired'), 'fitbit-retired'));
    expect(error).toMatchObject({ reason: 'connection_not_configured', message: expect.stringMatching(/an administrator must choose another API/) });
  });

  it('refuse a strategy no plugin serves as not configured, naming the missing plugin', async () => {
    const error = await refusal(tokenClientFor(connectionRecord('strava', 'strava-v3'), 'strava-v3'));
    expect(error).toMatchObject({ reason: 'connection_not_configured', message: expect.stringMatching(/No plugin serves the strava strategy/) });
  });

  it('refuse a client secret that cannot be opened as unreadable, keeping the sealer’s reason for the log only', async () => {
    const withSecret = connectionRecord('fitbit', 'google-health');
    const connection = { ...withSecret, options: { ...withSecret.options, clientSecret: 'sealed-under-a-lost-key' as unknown as Sealed } };
    const error = await refusal(tokenClientFor(connection, 'google-health'));
    expect(error).toMatchObject({ reason: 'client_secret_unreadable' });
    expect((error as Error).message).toMatch(/sealed under a master key that FITGATE_MASTER_KEY no longer lists/);
    expect((error as Error).message).not.toContain(lostKey.message);
    expect(((error as Error).cause as Error).cause).toBe(lostKey);
  });

  it('leave tokens of the API the connection moved off as api_changed', async () => {
    const error = await refusal(tokenClientFor(connectionRecord('fitbit', 'google-health'), 'fitbit-legacy'));
    expect(error).toBeInstanceOf(CredentialsForOtherApiError);
    expect(upstreamFailureOf(error).kind).toBe('api_changed');
  });

  it('leave a login’s refusal as it was', () => {
    expect(() => upstreams.strategyFor(connectionRecord('fitbit', 'google-health', { credentials: false }), TENANT_URL)).toThrow(ConnectionNotConfiguredError);
  });
});
