import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin, PluginStrategyOptions, PluginVerify, TryFailureKind } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { fakePlugin } from '../../support/fake_plugin.js';

// The type checks below run with the type check (`npx tsc --noEmit -p .`), not under Jest, which
// strips types: each @ts-expect-error fails that check the day its line type-checks. The members are
// function-typed properties, so their parameters are checked strictly: a member taking less than the
// host passes is refused, whether the plugin writes it as a method or as an arrow.

const base = fakePlugin();

// @ts-expect-error the host passes any id it stored, not one literal
const _literalApi: ConnectionPlugin = { ...base, permissions: (api: 'acme-v2') => base.permissions(api) };
const _literalApiMethod: ConnectionPlugin = {
  ...base,
  // @ts-expect-error the same member written as a method is refused too
  wording(api: 'acme-v2') {
    return base.wording(api);
  },
};
// @ts-expect-error an option the host never sets would be undefined in every strategy it builds
const _moreOptions: ConnectionPlugin = { ...base, createStrategy: (options: PluginStrategyOptions & { athleteLimit: number }, verify: PluginVerify) => base.createStrategy(options, verify) };
// @ts-expect-error explainFailure is asked about every kind a TRY can fail with
const _oneKind: ConnectionPlugin = { ...base, explainFailure: (kind: Extract<TryFailureKind, 'redirect_uri_mismatch'>, tried: { api: string; callbackUrl: string }) => base.explainFailure(kind, tried) };

const UNDECLARED = 'no-such-api';

function outcomeOf(ask: () => unknown): string {
  try {
    ask();
    return 'answered';
  } catch (error) {
    return error instanceof TypeError && error.message.includes(UNDECLARED) ? 'TypeError naming it' : `threw ${String(error)}`;
  }
}
const options = { api: UNDECLARED, clientID: 'client-1', clientSecret: 'secret-1' };

// The host asks no member about an API the plugin does not offer (plugin.ts); a plugin with one API
// may ignore the argument, but one with several must not answer for the wrong API on a host mistake.
const severalApis = [...connectionPlugins().values()].filter((plugin) => plugin.apis.length > 1).map((plugin) => [plugin.strategy, plugin] as const);

describe('an api a plugin with several APIs does not declare (one stored before the plugin dropped it)', () => {
  it.each(severalApis)('%s: every member it has taking an api refuses it with a TypeError naming it, and never answers for another API', (_strategy, plugin) => {
    expect(plugin.apis.map((api) => api.id)).not.toContain(UNDECLARED);
    // Those the plugin may leave to the host's defaults are asked when it has them.
    const optional: Array<[keyof ConnectionPlugin, () => unknown]> = [
      ['permissionAreas', () => plugin.permissionAreas?.(UNDECLARED)],
      ['wording', () => plugin.wording?.(UNDECLARED)],
      ['authorizationPrompt', () => plugin.authorizationPrompt?.(UNDECLARED, ['consent'])],
      ['consentForRefreshToken', () => plugin.consentForRefreshToken?.(UNDECLARED, [])],
    ];
    const asks: Array<[string, () => unknown]> = [
      ['permissions', () => plugin.permissions(UNDECLARED)],
      ['setupSteps', () => plugin.setupSteps(UNDECLARED, 'https://tenant.example/login/callback')],
      ...optional.filter(([member]) => plugin[member] !== undefined),
      ['createTokenClient', () => plugin.createTokenClient(options)],
      ['createStrategy', () => plugin.createStrategy({ ...options, callbackURL: 'https://tenant.example/login/callback', scope: [...plugin.defaultPermissions] }, () => undefined)],
    ];
    expect(asks.map(([member, ask]) => [member, outcomeOf(ask)])).toEqual(asks.map(([member]) => [member, 'TypeError naming it']));
  });

  it.each(severalApis)('%s: advises the admin without what depends on the API, instead of throwing', (_strategy, plugin) => {
    expect(plugin.adviseOnCredentials?.(UNDECLARED, { clientId: 'client-1' }) ?? []).toEqual([]);
    // unknown_client's remedy names where each API shows its Client ID: nothing to say for this one.
    expect(plugin.explainFailure?.('unknown_client', { api: UNDECLARED, callbackUrl: 'https://tenant.example/login/callback' })).toBeUndefined();
  });
});
