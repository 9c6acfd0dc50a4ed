import { describe, expect, it } from '@jest/globals';
import type { PluginProfile, PluginTokens } from '../../../../src/connections/plugin.js';
import { REDACTED } from '../../../../src/dashboard/try/redact.js';
import { withSuccess } from '../../../../src/dashboard/try/try_report.js';
import { startedTry, triedConnection, TRY_WORDING } from '../../../support/try_report_inputs.js';

const connection = triedConnection('acme', ['steps', 'weight']);
const started = startedTry(['steps', 'weight']);
const profile: PluginProfile = { provider: 'acme', id: 'athlete-7', _json: { id: 'athlete-7' }, _raw: '{"id":"athlete-7"}' };

/**
 * The token response step shows what the upstream sent, redacted. The plugin hands over only its
 * reading of the grant (permission names, the requested ones when the answer had no `scope`), so
 * the step carries no `scope` the upstream may never have sent.
 */
describe('the token response a TRY reports', () => {
  it('has the redacted tokens and the lifetime, and no scope made up from the granted permissions', () => {
    const tokens: PluginTokens = { accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, grantedScopes: ['steps', 'weight'] };
    const report = withSuccess(started, { tokens, profile }, connection, TRY_WORDING);
    expect(report.steps.tokenResponse).toEqual({ access_token: REDACTED, refresh_token: REDACTED, expires_in: 3600 });
    expect(report.success?.grantedScopes).toEqual(['steps', 'weight']);
  });

  it('has no refresh token when none came back', () => {
    const tokens: PluginTokens = { accessToken: 'at', expiresIn: 600, grantedScopes: ['steps'] };
    const report = withSuccess(started, { tokens, profile }, connection, TRY_WORDING);
    expect(report.steps.tokenResponse).toEqual({ access_token: REDACTED, expires_in: 600 });
  });
});
