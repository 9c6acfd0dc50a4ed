import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Request } from 'express';
import { Strategy } from 'passport';
import type { Config } from '../../../src/config/index.js';
import type { ConnectionPlugin, PluginStrategyOptions } from '../../../src/connections/plugin.js';
import { readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { AppError } from '../../../src/errors/index.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { finishRoundTrip, startRoundTrip } from '../../../src/upstream/round_trip.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const TENANT_URL = 'https://acme.fitgate.example';

const connection: Connection = {
  tenant: 'acme',
  id: 'con_acme',
  name: 'acme',
  strategy: 'acme',
  options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login', clientId: 'acme-client' },
  enabledClients: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

/** At the start, keeps its state through the host's store and redirects once stored; at the callback, never answers (an upstream that hangs). */
class PatientStrategy extends Strategy {
  constructor(private readonly options: PluginStrategyOptions) {
    super();
  }
  override authenticate(req: Request): void {
    if (req.query.code !== undefined) return;
    const store = this.options.store as { store(req: Request, verifier: undefined, state: unknown, meta: unknown, cb: (e: Error | null, s?: string) => void): void };
    store.store(req, undefined, undefined, {}, (error, state) => (error ? this.error(error) : this.redirect(`https://upstream.example/authorize?state=${state}`)));
  }
}

function target(upstreamTimeoutMs?: number) {
  const plugin: ConnectionPlugin = { ...fakePlugin(), createStrategy: (options) => new PatientStrategy(options) };
  const config = { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  const upstreams = createUpstreamResolver({ config, plugins: new Map([['acme', plugin]]), sealer: { open: (sealed: Sealed) => String(sealed) }, upstreamTimeoutMs });
  return { upstreams, connection, tenantUrl: TENANT_URL };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('a round trip that runs out of time', () => {
  it('at the start, where only fitgate’s store is waited on, is fitgate’s own retryable 503, not a timeout of the upstream', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const hangingStore = () => new Promise<never>(() => undefined);
    const started = startRoundTrip({ query: {} } as unknown as Request, target(), hangingStore);
    await jest.advanceTimersByTimeAsync(10_000);

    const outcome = await started;
    expect(outcome.kind).toBe('error');
    const error = outcome.kind === 'error' ? outcome.error : undefined;
    expect(readPluginFailure(error)).toBeUndefined();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'temporarily_unavailable', expose: true, headers: { 'Retry-After': expect.any(String) } });
    expect((error as AppError).description).not.toMatch(/upstream|Acme/i);
    expect(outcome.upstream?.client.clientID).toBe('acme-client');
  });

  it('at the callback, where the upstream is called, is the upstream’s timeout, bounded by three upstream call timeouts', async () => {
    const begun = Date.now();
    const outcome = await finishRoundTrip({ query: { code: 'c', state: 'S'.repeat(43) } } as unknown as Request, target(20), { upstreamState: 'S'.repeat(43) });
    expect(outcome).toMatchObject({
      kind: 'failed',
      failure: { kind: 'timeout', operation: 'callback', message: expect.stringMatching(/^The upstream login did not finish within \d+ s\.$/) },
      upstream: { client: { clientID: 'acme-client' } },
    });
    expect(Date.now() - begun).toBeGreaterThanOrEqual(55);
  });
});
