import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { Strategy } from 'passport';
import type { Config } from '../../../src/config/index.js';
import type { ConnectionPlugin, PluginStrategyOptions } from '../../../src/connections/plugin.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import { createUpstreamResolver, type UpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { startRoundTrip } from '../../../src/upstream/round_trip.js';
import type { SandboxUpstream } from '../../../src/upstream/sandbox_upstream.js';
import { UnstoredRoundTripError } from '../../../src/upstream/unstored_round_trip_error.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const TENANT_URL = 'https://acme.fitgate.example';

/** Stores a state through the store it was built with, then redirects with it, as passport-oauth2 does. */
class StoringStrategy extends Strategy {
  constructor(private readonly options: PluginStrategyOptions) {
    super();
  }
  override authenticate(req: Request): void {
    const store = this.options.store as { store(req: Request, verifier: string, state: unknown, meta: unknown, cb: (e: Error | null, s?: string) => void): void };
    store.store(req, `verifier-${String(req.query.n)}`, undefined, {}, (error, state) =>
      error ? this.error(error) : this.redirect(`https://upstream.example/authorize?state=${state}`),
    );
  }
}

/** Redirects upstream with a state of its own, never asking the store it was given. */
class StorelessStrategy extends Strategy {
  override authenticate(): void {
    this.redirect('https://upstream.example/authorize?state=its-own');
  }
}

function connection(overrides: Partial<Connection['options']> = {}, updatedAt = '2026-12-01T00:00:00.000Z'): Connection {
  return {
    tenant: 'acme',
    id: 'con_acme',
    name: 'acme',
    strategy: 'acme',
    options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login', clientId: 'acme-client', ...overrides },
    enabledClients: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt,
  };
}

/** A resolver whose Acme plugin records the options of each strategy it builds. */
function resolverBuilding(built: PluginStrategyOptions[], strategy: (options: PluginStrategyOptions) => Strategy = (options) => new StoringStrategy(options), sandbox?: SandboxUpstream): UpstreamResolver {
  const plugin: ConnectionPlugin = {
    ...fakePlugin(),
    createStrategy(options) {
      built.push(options);
      return strategy(options);
    },
  };
  const config = { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  return createUpstreamResolver({ config, plugins: new Map([['acme', plugin]]), sealer: { open: (sealed: Sealed) => String(sealed) }, sandbox });
}

const request = (n: string) => ({ query: { n } }) as unknown as Request;
const begin = (n: string, begun: string[] = []) => async (verifier: string | undefined) => {
  begun.push(String(verifier));
  return { upstreamState: `state-${n}` };
};

describe('upstream round trips', () => {
  it('build the strategy once per connection version and tenant URL, and keep each request’s flow apart', async () => {
    const built: PluginStrategyOptions[] = [];
    const upstreams = resolverBuilding(built);
    const target = { upstreams, connection: connection(), tenantUrl: TENANT_URL };
    const begun: string[] = [];
    const outcomes = await Promise.all(['1', '2', '3'].map((n) => startRoundTrip(request(n), target, begin(n, begun))));
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ callbackURL: `${TENANT_URL}/login/callback`, scope: ['steps'], clientID: 'acme-client' });
    expect(outcomes.map((outcome) => (outcome.kind === 'redirect' ? [outcome.url, outcome.record.upstreamState] : outcome.kind))).toEqual([
      ['https://upstream.example/authorize?state=state-1', 'state-1'],
      ['https://upstream.example/authorize?state=state-2', 'state-2'],
      ['https://upstream.example/authorize?state=state-3', 'state-3'],
    ]);
    expect(begun.sort()).toEqual(['verifier-1', 'verifier-2', 'verifier-3']);

    // Another connection version gets its own strategy, and so does another tenant URL (its callback URL).
    await startRoundTrip(request('4'), { ...target, connection: connection({}, '2026-12-02T00:00:00.000Z') }, begin('4'));
    expect(built).toHaveLength(2);
    await startRoundTrip(request('5'), { ...target, connection: connection({ scope: ['steps', 'weight'] }) }, begin('5'));
    expect(built).toHaveLength(3);
    expect(built[2]!.scope).toEqual(['steps', 'weight']);
    await startRoundTrip(request('6'), { ...target, tenantUrl: 'https://acme.example' }, begin('6'));
    expect(built.map((options) => options.callbackURL)).toContain('https://acme.example/login/callback');
    expect(upstreams.strategyFor(connection(), TENANT_URL)).toBe(upstreams.strategyFor(connection(), TENANT_URL));
    expect(built).toHaveLength(4);
  });

  it('builds a sandbox connection’s strategy once too, while the sandbox learns each tenant URL’s callback on every resolve', () => {
    const asked: string[] = [];
    const sandbox: SandboxUpstream = {
      plays: () => true,
      credentialsFor(_strategy, _api, callbackUrl) {
        asked.push(callbackUrl);
        return { clientID: 'sandbox-acme', clientSecret: 'sandbox-secret' };
      },
      backChannelUrl: () => 'http://127.0.0.1:1/_sandbox',
    };
    const built: PluginStrategyOptions[] = [];
    const upstreams = resolverBuilding(built, (options) => new StoringStrategy(options), sandbox);
    const unconfigured = connection({ clientId: undefined });
    const first = upstreams.strategyFor(unconfigured, TENANT_URL);
    expect(upstreams.strategyFor(unconfigured, TENANT_URL)).toBe(first);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ clientID: 'sandbox-acme', authorizationBaseUrl: `${TENANT_URL}/_sandbox` });
    expect(asked).toEqual([`${TENANT_URL}/login/callback`, `${TENANT_URL}/login/callback`]);

    upstreams.strategyFor(unconfigured, 'https://other.fitgate.example');
    expect(asked.at(-1)).toBe('https://other.fitgate.example/login/callback');
    expect(built).toHaveLength(2);
  });

  it('sends no browser upstream when the strategy did not store the round trip: fitgate\'s own error naming the strategy, no plugin failure', async () => {
    const upstreams = resolverBuilding([], () => new StorelessStrategy());
    const begun: string[] = [];
    const outcome = await startRoundTrip(request('1'), { upstreams, connection: connection(), tenantUrl: TENANT_URL }, begin('1', begun));
    expect(outcome.kind).toBe('error');
    const error = outcome.kind === 'error' ? outcome.error : undefined;
    expect(readPluginFailure(error)).toBeUndefined();
    expect(error).toBeInstanceOf(UnstoredRoundTripError);
    expect((error as Error).message).toMatch(/The acme strategy.*options\.store/);
    expect(begun).toEqual([]);
  });
});
