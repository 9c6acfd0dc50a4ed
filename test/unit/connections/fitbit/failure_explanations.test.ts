import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

describe('the Fitbit plugin explaining a failed TRY', () => {
  it('sends the admin to the console of the API the connection uses', () => {
    expect(fitbitPlugin.explainFailure('unknown_client', 'google-health')?.fix).toContain('the Google Cloud console');
    expect(fitbitPlugin.explainFailure('unknown_client', 'google-health')?.fix).toContain('.apps.googleusercontent.com');
    expect(fitbitPlugin.explainFailure('unknown_client', 'fitbit-legacy')?.fix).toContain('dev.fitbit.com (Manage → your app)');
    expect(fitbitPlugin.explainFailure('invalid_client', 'fitbit-legacy')?.fix).toContain('Copy the client secret again from dev.fitbit.com');
  });

  it('names the Fitbit and Google remedies for a client that may not sign this account in', () => {
    expect(fitbitPlugin.explainFailure('unauthorized_client', 'google-health')?.fix).toContain('add the account as a test user');
  });

  it('tells the admin to enable the Google Health API in the client\'s Cloud project', () => {
    const explained = fitbitPlugin.explainFailure('api_not_enabled', 'google-health');
    expect(explained?.meaning).toContain('not enabled in the Google Cloud project that owns this OAuth client');
    expect(explained?.fix).toContain('enable the Google Health API');
    expect(explained?.fix).toContain('https://console.developers.google.com/apis/library/health.googleapis.com');
  });

  it('says an account Google Health will not serve is the account\'s to fix, not the connection\'s', () => {
    const explained = fitbitPlugin.explainFailure('account_unusable', 'google-health');
    expect(explained?.meaning).toContain('The connection is not at fault');
    expect(explained?.fix).toContain('Continue with Google');
    expect(explained?.fix).not.toMatch(/tick|Client Secret/i);
  });

  it('leaves to the host what its consoles do not fix, and an api it does not serve', () => {
    expect(fitbitPlugin.explainFailure('redirect_uri_mismatch', 'google-health')).toBeUndefined();
    expect(fitbitPlugin.explainFailure('unknown_client', '')).toBeUndefined();
  });
});
