import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import type { PluginClientOptions } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { Sealed } from '../../../src/domain/types.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { inertPlugins, upstreamOf } from '../../support/resolved_upstream.js';
import { connectionRecord } from '../../support/connection_record.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

type Report = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

const TENANT_URL = 'https://acme.fitgate.example';

/** The port the resolver hands each plugin: its connection's base URL, timeout and metrics labels. */
describe('the upstreamFetch of a resolved upstream', () => {
  let emulator: LoopbackHttpServer;
  const reports: Array<{ tenant: string; connection: string; report: Report }> = [];

  beforeAll(async () => {
    emulator = await startLoopbackHttpServer((_req, res) => res.writeHead(200).end('{}'));
  });
  afterAll(() => emulator.close());

  const resolver = () => {
    return createUpstreamResolver({
      config: { upstreamBaseUrl: emulator.url, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>,
      plugins: inertPlugins(...connectionPlugins().values(), fakePlugin()),
      sealer: { open: (sealed: Sealed) => String(sealed) },
      emulated: { plays: (strategy) => strategy === 'fitbit' },
      upstreamTimeoutMs: 2_000,
      metrics: { upstream: { observerFor: (tenant, connection) => (report) => reports.push({ tenant, connection, report }) } },
    });
  };

  it('calls an upstream the emulator plays under FITGATE_UPSTREAM_BASE_URL and reports it with the connection’s labels', async () => {
    const { client } = upstreamOf(resolver(), connectionRecord('fitbit', 'google-health'), TENANT_URL);
    const answer = await client.upstreamFetch!('token', 'https://oauth2.googleapis.com/token?x=1', { method: 'POST' });
    expect(answer).toMatchObject({ status: 200, body: '{}' });
    expect(emulator.requests.at(-1)).toEqual({ method: 'POST', path: '/oauth2.googleapis.com/token?x=1' });
    expect(reports.at(-1)).toEqual({ tenant: 'acme', connection: 'fitbit', report: { operation: 'token', durationMs: expect.any(Number), status: 200 } });
  });

  it('calls the URL itself for a plugin the emulator does not play, though the base URL is set', async () => {
    const { client } = upstreamOf(resolver(), connectionRecord('acme', 'acme-v2'), TENANT_URL);
    // Under a base, an http URL would be refused: that it is called proves no base applies.
    await client.upstreamFetch!('profile', `${emulator.url}/me`);
    expect(emulator.requests.at(-1)?.path).toBe('/me');
    expect(reports.at(-1)).toMatchObject({ connection: 'acme', report: { operation: 'profile', status: 200 } });
  });
});
