import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { Strategy } from 'passport';
import type { ConnectionPlugin, PluginStrategyOptions } from '../../../src/connections/plugin.js';
import type { Connection } from '../../../src/domain/types.js';
import type { ResolvedUpstream } from '../../../src/upstream/resolve_upstream.js';
import { startRoundTrip, type RoundTripTarget } from '../../../src/upstream/round_trip.js';

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

function target(upstreamBuilt: PluginStrategyOptions[]): RoundTripTarget {
  const plugin = {
    createStrategy(options: PluginStrategyOptions) {
      upstreamBuilt.push(options);
      return new StoringStrategy(options);
    },
  } as unknown as ConnectionPlugin;
  const upstream = { plugin, client: { api: 'google-health', clientID: 'c', timeoutMs: 1000 }, wording: { name: 'Google', gone: '' }, sandbox: false } as ResolvedUpstream;
  const connection = { options: { scope: ['activity'] } } as unknown as Connection;
  return { upstream, connection, tenantUrl: 'https://acme.example', deadlineMs: 1000 };
}

describe('upstream round trips', () => {
  it('build the strategy once per resolved upstream, and keep each request’s flow apart', async () => {
    const built: PluginStrategyOptions[] = [];
    const shared = target(built);
    const begun: string[] = [];
    const begin = (n: string) => async (verifier: string) => {
      begun.push(verifier);
      return `state-${n}`;
    };
    const outcomes = await Promise.all(
      ['1', '2', '3'].map((n) => startRoundTrip({ query: { n } } as unknown as Request, shared, begin(n))),
    );
    expect(built).toHaveLength(1);
    expect(built[0]!.callbackURL).toBe('https://acme.example/login/callback');
    expect(outcomes.map((outcome) => (outcome.kind === 'redirect' ? outcome.url : outcome.kind))).toEqual([
      'https://upstream.example/authorize?state=state-1',
      'https://upstream.example/authorize?state=state-2',
      'https://upstream.example/authorize?state=state-3',
    ]);
    expect(begun.sort()).toEqual(['verifier-1', 'verifier-2', 'verifier-3']);

    // Another resolved upstream (another connection version) gets its own strategy.
    await startRoundTrip({ query: { n: '4' } } as unknown as Request, target(built), begin('4'));
    expect(built).toHaveLength(2);
  });
});
