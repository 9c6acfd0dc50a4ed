import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { TryFailureKind } from '../../../../src/connections/plugin.js';

const CALLBACK = 'https://id.example.com/login/callback';
const explain = (kind: TryFailureKind, api: string) => fitbitPlugin.explainFailure(kind, { api, callbackUrl: CALLBACK });

describe('the Fitbit plugin explaining a failed TRY', () => {
  it('sends the admin to the console of the API the connection uses', () => {
    expect(explain('unknown_client', 'google-health')?.fix).toContain('the Google Cloud console');
    expect(explain('unknown_client', 'google-health')?.fix).toContain('.apps.googleusercontent.com');
    expect(explain('unknown_client', 'fitbit-legacy')?.fix).toContain('dev.fitbit.com (Manage → your app)');
    expect(explain('invalid_client', 'fitbit-legacy')?.fix).toContain('Copy the client secret again from dev.fitbit.com');
  });

  it('names the Fitbit and Google remedies for a client that may not sign this account in', () => {
    expect(explain('unauthorized_client', 'google-health')?.fix).toContain('add the account as a test user');
  });

  it('tells the admin to enable the Google Health API in the client\'s Cloud project', () => {
    const explained = explain('api_not_enabled', 'google-health');
    expect(explained?.meaning).toContain('not enabled in the Google Cloud project that owns this OAuth client');
    expect(explained?.fix).toContain('enable the Google Health API');
    expect(explained?.fix).toContain('https://console.developers.google.com/apis/library/health.googleapis.com');
  });

  it('says an account Google Health will not serve is the account\'s to fix, not the connection\'s', () => {
    const explained = explain('account_unusable', 'google-health');
    expect(explained?.meaning).toContain('The connection is not at fault');
    expect(explained?.fix).toContain('Continue with Google');
    expect(explained?.fix).not.toMatch(/tick|Client Secret/i);
  });

  it('names the field of each console where the tenant\'s callback URL goes', () => {
    const google = explain('redirect_uri_mismatch', 'google-health');
    expect(google?.fix).toContain(`add exactly ${CALLBACK} under "Authorised redirect URIs"`);
    expect(google?.fix).toContain('Google Auth Platform → Clients');
    const legacy = explain('redirect_uri_mismatch', 'fitbit-legacy');
    expect(legacy?.fix).toContain(`set "Redirect URL" to exactly ${CALLBACK}`);
    expect(legacy?.fix).toContain('dev.fitbit.com (Manage → your app)');
  });

  it('names the setting each fix is made in, and none where the fix lies in the console or the account alone', () => {
    expect(explain('unknown_client', 'google-health')?.field).toBe('clientId');
    expect(explain('invalid_client', 'fitbit-legacy')?.field).toBe('clientSecret');
    expect(explain('redirect_uri_mismatch', 'fitbit-legacy')?.field).toBe('callbackUrl');
    expect(explain('gone', 'fitbit-legacy')?.field).toBe('api');
    expect(explain('api_not_enabled', 'google-health')?.field).toBe('setupSteps');
    expect(explain('unauthorized_client', 'google-health')).not.toHaveProperty('field');
    expect(explain('account_unusable', 'google-health')).not.toHaveProperty('field');
  });

  it('leaves to the host what its consoles do not fix, and an api it does not serve', () => {
    expect(explain('rate_limited', 'google-health')).toBeUndefined();
    expect(explain('unknown_client', '')).toBeUndefined();
    expect(explain('redirect_uri_mismatch', 'acme-v2')).toBeUndefined();
  });
});
