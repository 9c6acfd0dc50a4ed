import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { Strategy } from 'passport';
import type { Config } from '../../../src/config/index.js';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { beginRoundTripRecord, takeRoundTripRecord, type RoundTripRecord } from '../../../src/upstream/round_trip_records.js';
import { finishRoundTrip, startRoundTrip, type FinishOutcome, type RoundTripTarget } from '../../../src/upstream/round_trip.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';
import { acmeOAuth2Plugin, fakePlugin, type AcmeOAuth2Options } from '../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';

const TENANT_URL = 'https://acme.fitgate.example';

let upstream: FakeOAuth2Upstream;
beforeAll(async () => {
  upstream = await startFakeOAuth2Upstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.deny(false));

function connection(): Connection {
  return {
    tenant: 'acme',
    id: 'con_acme',
    name: 'acme',
    strategy: 'acme',
    options: { api: 'acme-v2', scope: ['steps', 'weight'], profileSync: 'on_each_login', clientId: upstream.clientId, clientSecret: upstream.clientSecret as unknown as Sealed },
    enabledClients: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

function resolverFor(plugin: ConnectionPlugin) {
  const config = { upstreamBaseUrl: undefined, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'publicUrl' | 'baseHost'>;
  return createUpstreamResolver({ config, plugins: new Map([['acme', plugin]]), sealer: { open: (sealed: Sealed) => String(sealed) } });
}

/** The outcome without the upstream it names, which must be the connection's: every outcome of a resolved upstream names it. */
function reached(outcome: FinishOutcome): Omit<FinishOutcome, 'upstream'> {
  const { upstream, ...rest } = outcome;
  expect(upstream?.client.clientID).toBe(connection().options.clientId);
  return rest;
}

/** Fails every request with `challenge`, as a plugin's strategy reports the user's refusal. */
class FailingStrategy extends Strategy {
  constructor(private readonly challenge: { message: string }) {
    super();
  }
  override authenticate(): void {
    this.fail(this.challenge, 403);
  }
}

/** A round trip to the fake upstream through the Acme plugin's strategy (OAuth2LoginStrategy). */
function roundTrip(plugin: Omit<AcmeOAuth2Options, 'upstreamUrl'> = {}) {
  const upstreams = resolverFor(acmeOAuth2Plugin({ upstreamUrl: upstream.url, ...plugin }));
  const target: RoundTripTarget = { upstreams, connection: connection(), tenantUrl: TENANT_URL };
  const ephemeral = memoryEphemeral();
  const begin = (verifier: string | undefined) => beginRoundTripRecord(ephemeral, 'login_transaction', { flow: 'test' }, verifier);

  /** Starts the round trip, lets the upstream answer, and returns the callback's query and the record it took. */
  async function toCallback(): Promise<{ query: URLSearchParams; taken: RoundTripRecord; authorizeUrl: URL }> {
    const started = await startRoundTrip({ query: {} } as unknown as Request, target, begin);
    if (started.kind !== 'redirect') throw new Error(`the round trip did not start: ${String(started.error)}`);
    const answer = await fetch(started.url, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${TENANT_URL}/login/callback`);
    const taken = await takeRoundTripRecord<RoundTripRecord>(ephemeral, 'login_transaction', back.searchParams.get('state'));
    expect(taken?.upstreamState).toBe(started.record.upstreamState);
    return { query: back.searchParams, taken: taken!, authorizeUrl: new URL(started.url) };
  }

  const finish = async (query: Record<string, unknown>, taken: RoundTripRecord) => reached(await finishRoundTrip({ query } as unknown as Request, target, taken));
  return { toCallback, finish };
}

describe('a round trip to an upstream without PKCE', () => {
  it('starts without a code challenge, keeps no verifier, and finishes: the state matched with none to send', async () => {
    const { toCallback, finish } = roundTrip();
    const { query, taken, authorizeUrl } = await toCallback();
    expect(authorizeUrl.searchParams.has('code_challenge')).toBe(false);
    expect(taken).not.toHaveProperty('upstreamCodeVerifier');

    const outcome = await finish(Object.fromEntries(query), taken);
    expect(outcome).toMatchObject({
      kind: 'success',
      verified: { profile: { provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace' }, tokens: { expiresIn: 3600, grantedScopes: ['steps', 'distance', 'weight'] } },
    });
    expect(upstream.tokenRequests.at(-1)?.has('code_verifier')).toBe(false);
  });

  it('still hands a strategy with PKCE its verifier, which the upstream checks', async () => {
    const { toCallback, finish } = roundTrip({ pkce: true });
    const { query, taken, authorizeUrl } = await toCallback();
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(taken.upstreamCodeVerifier).toEqual(expect.any(String));

    expect((await finish(Object.fromEntries(query), taken)).kind).toBe('success');
    expect(upstream.tokenRequests.at(-1)?.get('code_verifier')).toBe(taken.upstreamCodeVerifier);
  });
});

describe('what finishing a round trip makes of the callback', () => {
  const noAnswer = { kind: 'failed', failure: { kind: 'bad_response', operation: 'callback', message: expect.stringContaining('neither a code nor an error') } };

  it('calls a callback with neither a code nor an error the upstream’s bad_response, before the strategy runs (it would start another login)', async () => {
    const { toCallback, finish } = roundTrip();
    const { query, taken } = await toCallback();
    const exchanges = upstream.tokenRequests.length;
    expect(await finish({ state: query.get('state') }, taken)).toEqual(noAnswer);
    expect(await finish({ state: query.get('state'), code: '' }, taken)).toEqual(noAnswer);
    expect(upstream.tokenRequests).toHaveLength(exchanges);
  });

  it('calls a repeated code the upstream’s bad_response too, whichever strategy would have read it', async () => {
    const { toCallback, finish } = roundTrip();
    const { query, taken } = await toCallback();
    const exchanges = upstream.tokenRequests.length;
    expect(await finish({ state: query.get('state'), code: [query.get('code'), 'another'] }, taken)).toEqual(noAnswer);
    expect(upstream.tokenRequests).toHaveLength(exchanges);
  });

  it('reads the user’s refusal as access_denied, even from a strategy that fails it without a PluginFailChallenge', async () => {
    upstream.deny(true);
    const { toCallback, finish } = roundTrip({ refusalByPassportOAuth2: true });
    const { query, taken } = await toCallback();
    expect(query.get('error')).toBe('access_denied');
    expect(await finish(Object.fromEntries(query), taken)).toEqual({
      kind: 'failed',
      failure: { kind: 'access_denied', operation: 'authorize', upstreamCode: 'access_denied' },
    });
  });

  it('reads the refusal OAuth2LoginStrategy fails as its PluginFailChallenge: the upstream’s code and the message it built', async () => {
    upstream.deny(true);
    const { toCallback, finish } = roundTrip();
    const { query, taken } = await toCallback();
    expect(await finish(Object.fromEntries(query), taken)).toEqual({
      kind: 'failed',
      failure: { kind: 'access_denied', operation: 'authorize', upstreamCode: 'access_denied', message: 'Upstream authorize request failed with access_denied' },
    });
  });

  it('reads a plugin’s PluginFailChallenge as the refusal it carries, through the one reader of plugin failures', async () => {
    const challenge = { message: 'declined', error: { kind: 'access_denied', upstreamCode: 'access_denied', upstreamMessage: 'no thanks', extra: 'ignored' } };
    const plugin: ConnectionPlugin = { ...fakePlugin(), createStrategy: () => new FailingStrategy(challenge) };
    const target: RoundTripTarget = { upstreams: resolverFor(plugin), connection: connection(), tenantUrl: TENANT_URL };
    const taken = { upstreamState: 'S'.repeat(43) };
    const outcome = reached(await finishRoundTrip({ query: { error: 'access_denied', state: taken.upstreamState } } as unknown as Request, target, taken));
    expect(outcome).toEqual({ kind: 'failed', failure: { kind: 'access_denied', upstreamCode: 'access_denied', upstreamMessage: 'no thanks' } });
  });

  it('refuses what a plugin hands back when it breaks the plugin interface (an empty user id): the upstream’s bad_response, no success', async () => {
    const { toCallback, finish } = roundTrip({ profileId: '' });
    const { query, taken } = await toCallback();
    expect(await finish(Object.fromEntries(query), taken)).toEqual({
      kind: 'failed',
      failure: { kind: 'bad_response', operation: 'callback', message: expect.stringContaining('profile.id must be a non-empty string') },
    });
  });

  it('reads passport’s own state check failing as a rejected state, not as the user’s refusal', async () => {
    const { toCallback, finish } = roundTrip({ refuseEveryState: true });
    const { query, taken } = await toCallback();
    const exchanges = upstream.tokenRequests.length;
    expect(await finish(Object.fromEntries(query), taken)).toEqual({ kind: 'state_rejected', message: 'Unable to verify authorization request state.' });
    expect(upstream.tokenRequests).toHaveLength(exchanges);
  });

  it('rejects the state when the callback’s is not the one of the record the flow took', async () => {
    const { toCallback, finish } = roundTrip();
    const { query, taken } = await toCallback();
    expect(await finish({ ...Object.fromEntries(query), state: 'T'.repeat(43) }, taken)).toEqual({ kind: 'state_rejected', message: 'The login state does not match.' });
  });
});
