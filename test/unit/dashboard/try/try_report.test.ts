import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { withSuccess } from '../../../../src/dashboard/try/try_report.js';
import { toUpstreamLogin } from '../../../../src/domain/upstream_login.js';
import { startedTry, triedConnection, TRY_WORDING } from '../../../support/try_report_inputs.js';

const connection = triedConnection('acme', ['steps', 'weight']);
const started = startedTry(['steps', 'weight']);
const tokens: PluginTokens = { accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, grantedScopes: ['steps', 'distance'] };
const profile: PluginProfile = { provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace', _json: { id: 'athlete-7' }, _raw: '{"id":"athlete-7"}' };

/** TRY reports what a real login through the same answer would store on the identity. */
describe('the permissions a TRY reports as granted', () => {
  it('are the login’s tokens’ list, the one the identity stores, and the requested ones missing from it are not granted', () => {
    const identityList = toUpstreamLogin({ tokens, profile }, connection, undefined, new Date()).tokens.grantedScopes;
    const report = withSuccess(started, { tokens, profile }, connection, TRY_WORDING);
    expect(report.success?.grantedScopes).toEqual(identityList);
    expect(report.success?.notGranted).toEqual(['weight']);
  });

  it('ignore a list a strategy also puts on its profile, which the report does not show twice', () => {
    const withOwnList = Object.assign({}, profile, { grantedScopes: ['weight'] });
    const report = withSuccess(started, { tokens, profile: withOwnList }, connection, TRY_WORDING);
    expect(report.success?.grantedScopes).toEqual(['steps', 'distance']);
    expect(report.success?.profile).toEqual({ provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace' });
  });
});
