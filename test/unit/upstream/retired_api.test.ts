import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Sealed } from '../../../src/domain/types.js';
import { CredentialsForOtherApiError } from '../../../src/domain/upstream_token_client.js';
import { requestedPermissions } from '../../../src/dashboard/try/requested_permissions.js';
import { tryFailureOf } from '../../../src/dashboard/try/try_failure_explanation.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { ConnectionNotConfiguredError } from '../../../src/upstream/resolver_errors.js';
import type { SandboxUpstream } from '../../../src/upstream/sandbox_upstream.js';
import { connectionRecord } from '../../support/connection_record.js';
import { inertPlugins, upstreamOf } from '../../support/resolved_upstream.js';

// A connection stores the id of one of its plugin's APIs; an upgrade may drop that API. The plugin
// throws for an API it does not declare, so the host must stop first, with the admin's remedy; an
// identity's tokens of a dropped API its connection has moved off are the user's to renew instead.

const TENANT_URL = 'https://acme.fitgate.example';

const RESOLVER_DEPS = {
  config: { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>,
  plugins: inertPlugins(...connectionPlugins().values()),
  sealer: { open: (sealed: Sealed) => String(sealed) },
};
const upstreams = createUpstreamResolver(RESOLVER_DEPS);

describe('a connection whose stored API its plugin no longer offers', () => {
  it('is not configured, at login, at the callback and for the vault, saying what to change', async () => {
    const connection = connectionRecord('fitbit', 'fitbit-retired');
    const problem = /uses the fitbit-retired API, which its plugin no longer offers; an administrator must choose another API/;
    expect(() => upstreams.strategyFor(connection, TENANT_URL)).toThrow(ConnectionNotConfiguredError);
    expect(() => upstreams.strategyFor(connection, TENANT_URL)).toThrow(problem);
    await expect(upstreams.tokenClientFor(connection, 'fitbit-retired')).rejects.toThrow(problem);
  });

  it('reads tokens of an API the plugin dropped, on a connection that moved to another, as another API’s, with credentials or in the sandbox', async () => {
    const sandbox: SandboxUpstream = {
      // The emulator plays what it plays, whatever the plugin still offers.
      plays: () => true,
      credentialsFor: () => ({ clientID: 'sandbox-client', clientSecret: 'sandbox-secret' }),
      backChannelUrl: () => 'http://127.0.0.1:1/_sandbox',
    };
    const inSandbox = createUpstreamResolver({ ...RESOLVER_DEPS, sandbox });
    for (const [resolver, connection] of [
      [upstreams, connectionRecord('fitbit', 'google-health')],
      [inSandbox, connectionRecord('fitbit', 'google-health', { credentials: false })],
    ] as const) {
      await expect(resolver.tokenClientFor(connection, 'fitbit-retired')).rejects.toThrow(CredentialsForOtherApiError);
    }
  });

  it('still resolves for an API the plugin offers', () => {
    expect(upstreamOf(upstreams, connectionRecord('fitbit', 'google-health'), TENANT_URL).client.api).toBe('google-health');
  });

  it('lets a TRY start (the resolve then refuses it) instead of throwing from the plugin', () => {
    const fitbit = connectionPlugins().get('fitbit');
    expect(requestedPermissions(fitbit, 'fitbit-retired', ['activity'])).toEqual(['activity']);
  });

  it('is explained to a TRY as the API to choose again, not as a missing Client ID', () => {
    const plugin = connectionPlugins().get('fitbit');
    const failure = tryFailureOf('not_configured', 'nothing was sent', { callbackUrl: `${TENANT_URL}/login/callback`, api: 'fitbit-retired', requestedPermissions: [], plugin });
    expect(failure).toMatchObject({ kind: 'not_configured', field: 'api' });
    expect(failure.meaning).toContain('set to the fitbit-retired API, which this version of its plugin no longer offers');
    expect(tryFailureOf('not_configured', 'nothing was sent', { callbackUrl: `${TENANT_URL}/login/callback`, api: 'google-health', requestedPermissions: [], plugin }).field).toBe('clientId');
  });
});
