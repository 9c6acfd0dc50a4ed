import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { withSuccess } from '../../../../src/dashboard/try/try_report.js';
import { UNDECLARED_PROFILE_VALUE } from '../../../support/fake_plugin.js';
import { startedTry, triedConnection, TRY_WORDING } from '../../../support/try_report_inputs.js';

const connection = triedConnection('acme');
const started = startedTry(['steps']);
const tokens: PluginTokens = { accessToken: 'at', expiresIn: 3600, grantedScopes: ['steps'] };

/** TRY shows the profile as the plugin normalised it: the fields the plugin interface declares, whatever else a strategy adds. */
describe('the normalised profile a TRY shows', () => {
  it('keeps every declared field the strategy filled in', () => {
    const profile: PluginProfile = {
      provider: 'acme',
      id: 'athlete-7',
      legacyUserId: 'old-7',
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', verified: true }],
      photos: [{ value: 'https://acme.example/ada.png' }],
      _json: { id: 'athlete-7' },
      _raw: '{"id":"athlete-7"}',
    };
    const { _json, _raw, ...declared } = profile;
    expect(withSuccess(started, { tokens, profile }, connection, TRY_WORDING).success?.profile).toEqual(declared);
  });

  it('drops a field the plugin interface does not declare, as the fake plugin’s strategy adds one (like Strava’s athlete)', () => {
    const profile = { provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace', athlete: { badge: UNDECLARED_PROFILE_VALUE }, _json: { id: 'athlete-7' }, _raw: '{}' };
    const report = withSuccess(started, { tokens, profile }, connection, TRY_WORDING);
    expect(report.success?.profile).toEqual({ provider: 'acme', id: 'athlete-7', displayName: 'Ada Lovelace' });
    expect(JSON.stringify(report)).not.toContain(UNDECLARED_PROFILE_VALUE);
  });
});
