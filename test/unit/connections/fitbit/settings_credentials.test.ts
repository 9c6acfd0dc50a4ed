import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

/** The plugin's rule for credentials, which the dashboard and the Management API both apply. */
describe('fitbitPlugin.parseSettings with credentials', () => {
  const scope = ['activity'];

  it('refuses a Google Health client ID without a secret: Google authenticates the token request with it', () => {
    expect(fitbitPlugin.parseSettings({ api: 'google-health', clientId: 'abc.apps.googleusercontent.com', scope })).toMatchObject({ ok: false, issues: [{ field: 'clientSecret' }] });
    expect(fitbitPlugin.parseSettings({ api: 'google-health', clientId: 'abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-x', scope }).ok).toBe(true);
  });

  it('accepts a legacy client ID without a secret, and declares that API\'s secret optional', () => {
    expect(fitbitPlugin.parseSettings({ api: 'fitbit-legacy', clientId: '23PUBL', scope }).ok).toBe(true);
    const optional = Object.fromEntries(fitbitPlugin.apis.map((api) => [api.id, api.clientSecretOptional !== undefined]));
    expect(optional).toEqual({ 'google-health': false, 'fitbit-legacy': true });
  });

  it('refuses a secret without a client ID in every mode', () => {
    for (const api of ['google-health', 'fitbit-legacy']) {
      expect(fitbitPlugin.parseSettings({ api, clientSecret: 'bogus', scope })).toMatchObject({ ok: false, issues: [{ field: 'clientId' }] });
    }
  });
});
