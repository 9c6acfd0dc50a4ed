import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import type { Sealed } from '../../../src/domain/types.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { ConnectionNotConfiguredError } from '../../../src/upstream/resolver_errors.js';
import type { SandboxUpstream } from '../../../src/upstream/sandbox_upstream.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { connectionRecord } from '../../support/connection_record.js';
import { inertPlugins, upstreamOf } from '../../support/resolved_upstream.js';

const TENANT_URL = 'https://acme.fitgate.example';
const CALLBACK_URL = `${TENANT_URL}/login/callback`;


/** A sandbox playing `played` (strategy and API), recording which upstreams it was asked for credentials. */
function sandboxPlaying(...played: Array<[string, string]>) {
  const asked: string[] = [];
  const plays = (strategy: string, api: string) => played.some(([s, a]) => s === strategy && a === api);
  const sandbox: SandboxUpstream = {
    plays,
    credentialsFor(strategy, api, callbackUrl) {
      asked.push(`${strategy}/${api} ${callbackUrl}`);
      return plays(strategy, api) ? { clientID: `sandbox-${strategy}-${api}`, clientSecret: 'sandbox-secret' } : undefined;
    },
    backChannelUrl: () => 'http://127.0.0.1:1/_sandbox',
  };
  return { sandbox, asked };
}

/** Acme, with one more API whose id is also one of Fitbit's: ids are the plugin's own, not unique across plugins. */
function acmeSharingAnApiId(): ConnectionPlugin {
  const acme = fakePlugin();
  return { ...acme, apis: [...acme.apis, { ...acme.apis[0], id: 'google-health' }] };
}

function resolverWith(sandbox: SandboxUpstream) {
  const config = { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: 'fitgate.example' } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  return createUpstreamResolver({
    config,
    plugins: inertPlugins(...connectionPlugins().values(), acmeSharingAnApiId()),
    sealer: { open: (sealed: Sealed) => String(sealed) },
    sandbox,
  });
}

/** A connection without credentials logs in through the sandbox only when it plays that plugin's upstream. */
describe('the sandbox standing in for a connection without credentials', () => {
  it('leaves a connection whose upstream it does not play not set up, as with the sandbox off, and never asks it', () => {
    const { sandbox, asked } = sandboxPlaying(['fitbit', 'google-health']);
    const attempt = () => upstreamOf(resolverWith(sandbox), connectionRecord('acme', 'acme-v2', { credentials: false }), TENANT_URL);
    expect(attempt).toThrow(ConnectionNotConfiguredError);
    expect(attempt).toThrow('The connection "acme" has no upstream client id yet; an administrator must configure it.');
    expect(asked).toEqual([]);
  });

  it('tells plugins apart by strategy, not by an API id two plugins may share', () => {
    const { sandbox, asked } = sandboxPlaying(['fitbit', 'google-health']);
    expect(() => upstreamOf(resolverWith(sandbox), connectionRecord('acme', 'google-health', { credentials: false }), TENANT_URL)).toThrow(/has no upstream client id yet/);
    expect(asked).toEqual([]);
  });

  it('stands in for the Fitbit connection as before: its app, on the tenant’s host, reached over loopback', () => {
    const { sandbox, asked } = sandboxPlaying(['fitbit', 'google-health']);
    const upstream = upstreamOf(resolverWith(sandbox), connectionRecord('fitbit', 'google-health', { credentials: false }), TENANT_URL);
    expect(upstream).toMatchObject({
      sandbox: true,
      authorizationBaseUrl: `${TENANT_URL}/_sandbox`,
      client: { api: 'google-health', clientID: 'sandbox-fitbit-google-health', clientSecret: 'sandbox-secret', upstreamBaseUrl: 'http://127.0.0.1:1/_sandbox' },
    });
    expect(asked).toEqual([`fitbit/google-health ${CALLBACK_URL}`]);
  });

  it('stands in for any plugin’s upstream it plays', () => {
    const { sandbox } = sandboxPlaying(['acme', 'acme-v2']);
    expect(upstreamOf(resolverWith(sandbox), connectionRecord('acme', 'acme-v2', { credentials: false }), TENANT_URL)).toMatchObject({ sandbox: true, client: { clientID: 'sandbox-acme-acme-v2' } });
  });

  it('says it cannot stand in for the API of older tokens when it plays the connection’s API but not that one', async () => {
    const { sandbox, asked } = sandboxPlaying(['acme', 'acme-v2']);
    const attempt = () => resolverWith(sandbox).tokenClientFor(connectionRecord('acme', 'acme-v2', { credentials: false }), 'acme-v1');
    await expect(attempt()).rejects.toThrow(ConnectionNotConfiguredError);
    await expect(attempt()).rejects.toThrow(/cannot stand in for the acme-v1 API of the connection "acme"/);
    expect(asked).toContain(`acme/acme-v1 ${CALLBACK_URL}`);
  });
});
