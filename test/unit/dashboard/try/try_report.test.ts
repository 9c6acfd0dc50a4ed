import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { withSuccess, type TryReport } from '../../../../src/dashboard/try/try_report.js';
import type { Connection } from '../../../../src/domain/types.js';
import { toUpstreamLogin } from '../../../../src/domain/upstream_login.js';

const connection = {
  tenant: 'default',
  name: 'acme',
  strategy: 'acme',
  options: { api: 'acme-v2', scope: ['steps', 'weight'], profileSync: 'on_each_login' },
} as unknown as Connection;

const WORDING = { noRefreshToken: 'Acme sends no refresh token to a returning user.' };

const started: TryReport = {
  id: 'try-1',
  tenant: 'default',
  strategy: 'acme',
  api: 'acme-v2',
  adminEmail: 'owner@example.com',
  sandbox: false,
  callbackUrl: 'https://fitgate.example/login/callback',
  requestedScopes: ['steps', 'weight'],
  steps: {},
};

const tokens: PluginTokens = { accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, grantedScopes: ['steps', 'distance'] };
const profile: PluginProfile = { provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace', _json: { id: 'athlete-7' }, _raw: '{"id":"athlete-7"}' };

/** TRY reports what a real login through the same answer would store on the identity. */
describe('the permissions a TRY reports as granted', () => {
  it('are the login’s tokens’ list, the one the identity stores, and the requested ones missing from it are not granted', () => {
    const identityList = toUpstreamLogin({ tokens, profile }, connection, undefined, new Date()).tokens.grantedScopes;
    const report = withSuccess(started, { tokens, profile }, connection, WORDING);
    expect(report.success?.grantedScopes).toEqual(identityList);
    expect(report.success?.notGranted).toEqual(['weight']);
  });

  it('ignore a list a strategy also puts on its profile, which the report does not show twice', () => {
    const withOwnList = Object.assign({}, profile, { grantedScopes: ['weight'] });
    const report = withSuccess(started, { tokens, profile: withOwnList }, connection, WORDING);
    expect(report.success?.grantedScopes).toEqual(['steps', 'distance']);
    expect(report.success?.profile).toEqual({ provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace' });
    expect(report.steps.tokenResponse?.scope).toBe('steps distance');
  });
});
