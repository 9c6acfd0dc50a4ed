import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type {
  ConnectionPlugin,
  PluginConforms,
  PluginErrorKind,
  PluginTokenClient,
  PluginTokens,
  PluginWording,
  RateLimitScope,
} from '../../../src/connections/plugin.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { minimalOAuth2Plugin } from '../../support/minimal_plugin.js';

// The type checks below run with the type check (`npm run lint`), not under Jest, which strips
// types: each @ts-expect-error fails that check the day its line type-checks, so each one proves a
// mistake a plugin author could make is caught at compile time instead of at run time.

const base = fakePlugin();
const tokens: PluginTokens = { accessToken: 'at', expiresIn: 60, grantedScopes: [] };

// @ts-expect-error the host stores api and scope from the value: {} would only break at run time
const _noSettings: ConnectionPlugin = { ...base, parseSettings: () => ({ ok: true, value: {} }) };
// @ts-expect-error a value without the permissions to ask for is no connection's settings
const _noScope: ConnectionPlugin['parseSettings'] = () => ({ ok: true, value: { api: 'acme-v2' } });
// @ts-expect-error revoke is handed every token of the grant, never one token of unknown kind
const _oneToken: PluginTokenClient = { refresh: async () => tokens, revoke: async (token: string) => void token };
// An upstream with no API known to end writes no sentence for a 410: the host has one.
const _noGoneSentence: PluginWording = { name: 'Strava' };

/** A failure declaring every field the host reads, as a plugin's error class does. */
interface Failure {
  readonly kind: PluginErrorKind;
  readonly status: number | undefined;
  readonly operation: string | undefined;
  readonly upstreamCode: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly message: string;
}
interface RateLimited extends Failure {
  readonly kind: 'rate_limited';
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimitScope: RateLimitScope | undefined;
}
interface Refusal {
  readonly message: string;
  readonly error: Failure;
}

type _Conforms = PluginConforms<typeof base, { failure: Failure; rateLimited: RateLimited; challenge: Refusal }>;
// A plugin leaving every member the host has a default for to the host (wording, permissionAreas,
// authorizationPrompt, consentForRefreshToken, explainFailure) conforms as it is.
type _MinimalConforms = PluginConforms<ReturnType<typeof minimalOAuth2Plugin>, { failure: Failure; rateLimited: RateLimited; challenge: Refusal }>;
// Fitbit words all five itself: Google named behind Fitbit, Google's areas, each API's prompt, the
// consent that brings Google's refresh token, and the remedies in each console, which the host's
// defaults could not say.
const _fitbitWritesAll: Required<Pick<ConnectionPlugin, 'wording' | 'permissionAreas' | 'authorizationPrompt' | 'consentForRefreshToken' | 'explainFailure'>> = fitbitPlugin;
// @ts-expect-error a field renamed (upstreamCode → code) is one the host could no longer read
type _Renamed = PluginConforms<typeof base, { failure: Omit<Failure, 'upstreamCode'> & { readonly code: string | undefined }; rateLimited: RateLimited; challenge: Refusal }>;
// @ts-expect-error a kind the host does not know is no plugin failure: the login would answer a bare server_error
type _UnknownKind = PluginConforms<typeof base, { failure: Omit<Failure, 'kind'> & { readonly kind: 'quota_exceeded' }; rateLimited: RateLimited; challenge: Refusal }>;
// @ts-expect-error a rate limit without retryAfterSeconds leaves the vault calling the upstream during the wait
type _NoRetryAfter = PluginConforms<typeof base, { failure: Failure; rateLimited: Omit<RateLimited, 'retryAfterSeconds'>; challenge: Refusal }>;
// @ts-expect-error a rate limit that never considered its scope leaves every other user's call to the exhausted quota of a whole client
type _NoScope = PluginConforms<typeof base, { failure: Failure; rateLimited: Omit<RateLimited, 'rateLimitScope'>; challenge: Refusal }>;
// @ts-expect-error a scope the host does not know is no scope: the vault would hold back that one identity for a client's quota
type _UnknownScope = PluginConforms<typeof base, { failure: Failure; rateLimited: Omit<RateLimited, 'rateLimitScope'> & { readonly rateLimitScope: 'application' | undefined }; challenge: Refusal }>;
// @ts-expect-error a refusal without its failure would be read as a stale state, not as the user's refusal
type _ChallengeWithoutError = PluginConforms<typeof base, { failure: Failure; rateLimited: RateLimited; challenge: { readonly message: string } }>;

describe('what every registered plugin gives the host', () => {
  it.each([...connectionPlugins().values()].map((plugin) => [plugin.strategy, plugin] as const))(
    '%s: settings left out are its defaults, on its first API, and carry nothing of the host’s own',
    (_strategy, plugin) => {
      const parsed = plugin.parseSettings({});
      expect(parsed).toMatchObject({ ok: true, value: { api: plugin.apis[0].id, scope: [...plugin.defaultPermissions] } });
      expect(parsed.ok && Object.keys(parsed.value).sort()).toEqual(['api', 'scope']);
    },
  );
});
