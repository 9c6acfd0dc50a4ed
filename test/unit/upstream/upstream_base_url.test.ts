import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Sealed } from '../../../src/domain/types.js';
import { EMULATED_UPSTREAMS } from '../../../src/emulator/sandbox_apps.js';
import { emulatedBy } from '../../../src/sandbox/sandbox.js';
import { createUpstreamResolver, type UpstreamResolverDeps } from '../../../src/upstream/resolve_upstream.js';
import { ACME_APIS, fakePlugin } from '../../support/fake_plugin.js';
import { connectionRecord } from '../../support/connection_record.js';
import { inertPlugins, upstreamOf } from '../../support/resolved_upstream.js';

const TENANT_URL = 'https://acme.fitgate.example';
const EMULATOR_URL = 'http://127.0.0.1:4010';
// What server.ts hands the resolver: what the registered plugins' sandboxes play.
const EMULATED = emulatedBy(connectionPlugins());

/** Fitbit's plugin and the fake Acme one, with FITGATE_UPSTREAM_BASE_URL set. */
function resolver(emulated: UpstreamResolverDeps['emulated']) {
  return createUpstreamResolver({
    config: { upstreamBaseUrl: EMULATOR_URL, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>,
    plugins: inertPlugins(...connectionPlugins().values(), fakePlugin()),
    sealer: { open: (sealed: Sealed) => String(sealed) },
    emulated,
  });
}

describe('FITGATE_UPSTREAM_BASE_URL reaches only the upstreams a plugin’s sandbox plays', () => {
  it('every upstream the Fitbit plugin’s emulator plays is reached under the base URL, exactly as before', () => {
    const upstreams = resolver(EMULATED);
    for (const { strategy, api } of EMULATED_UPSTREAMS) {
      expect(upstreamOf(upstreams, connectionRecord(strategy, api), TENANT_URL).client).toEqual({
        api,
        clientID: `${strategy}-client`,
        clientSecret: 'sealed',
        upstreamBaseUrl: EMULATOR_URL,
        timeoutMs: 10_000,
        upstreamFetch: expect.any(Function),
      });
    }
  });

  it('a plugin that brings no sandbox resolves to its real upstream, though the base URL is set', () => {
    const upstreams = resolver(EMULATED);
    for (const api of ACME_APIS) {
      const { client } = upstreamOf(upstreams, connectionRecord('acme', api), TENANT_URL);
      expect(client).toEqual({ api, clientID: 'acme-client', clientSecret: 'sealed', timeoutMs: 10_000, upstreamFetch: expect.any(Function) });
      expect(client).not.toHaveProperty('upstreamBaseUrl');
    }
  });

  it('asks about the strategy and the API together, for the API the call is for', () => {
    const asked: string[] = [];
    const upstreams = resolver({
      plays: (strategy, api) => {
        asked.push(`${strategy}/${api}`);
        return strategy === 'acme' && api === 'acme-v1';
      },
    });
    expect(upstreamOf(upstreams, connectionRecord('acme', 'acme-v1'), TENANT_URL).client.upstreamBaseUrl).toBe(EMULATOR_URL);
    expect(upstreamOf(upstreams, connectionRecord('acme', 'acme-v2'), TENANT_URL).client.upstreamBaseUrl).toBeUndefined();
    expect(upstreamOf(upstreams, connectionRecord('fitbit', 'google-health'), TENANT_URL).client.upstreamBaseUrl).toBeUndefined();
    expect(asked).toEqual(['acme/acme-v1', 'acme/acme-v2', 'fitbit/google-health']);
  });

  it('without an answer from the sandboxes, no upstream is reached under the base URL', () => {
    expect(upstreamOf(resolver(undefined), connectionRecord('fitbit', 'google-health'), TENANT_URL).client.upstreamBaseUrl).toBeUndefined();
  });
});
