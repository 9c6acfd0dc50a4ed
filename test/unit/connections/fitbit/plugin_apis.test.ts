import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

/** What the Fitbit plugin declares for the host to offer: its two APIs and a new connection's permissions. */
describe('the Fitbit plugin’s APIs and starting permissions', () => {
  const ids = fitbitPlugin.apis.map((api) => api.id);

  it('declares the Google Health API first, as the default, then the legacy Fitbit Web API', () => {
    expect(ids).toEqual(['google-health', 'fitbit-legacy']);
    expect(fitbitPlugin.apis.map((api) => api.name)).toEqual(['Google Health API', 'Legacy Fitbit Web API']);
  });

  it('warns about the legacy API only, which is shut down', () => {
    expect(fitbitPlugin.apis.map((api) => Boolean(api.warning))).toEqual([false, true]);
    expect(fitbitPlugin.apis[1]?.warning).toMatch(/^Fitbit turned the legacy Web API off on 2026-11-02\./);
  });

  it('hints, per API, where the Client ID comes from and how permissions are granted', () => {
    expect(fitbitPlugin.apis[0]).toMatchObject({ clientIdHint: expect.stringContaining('Google Cloud project'), permissionsHint: expect.stringContaining('Google grants by area') });
    expect(fitbitPlugin.apis[1]).toMatchObject({ clientIdHint: expect.stringContaining('dev.fitbit.com'), permissionsHint: 'Each permission is asked for on its own.' });
  });

  it('accepts exactly the APIs it declares in its settings, and defaults to the first', () => {
    for (const api of ids) expect(fitbitPlugin.parseSettings({ api })).toMatchObject({ ok: true, value: { api } });
    expect(fitbitPlugin.parseSettings({ api: 'fitbit' })).toMatchObject({ ok: false, issues: [{ field: 'api' }] });
    expect(fitbitPlugin.parseSettings({})).toMatchObject({ ok: true, value: { api: ids[0] } });
  });

  it('starts a new connection with the permissions its settings default to, valid in every mode', () => {
    expect(fitbitPlugin.defaultPermissions).toEqual(['activity', 'heartrate', 'profile', 'sleep']);
    expect(fitbitPlugin.parseSettings({})).toMatchObject({ ok: true, value: { scope: [...fitbitPlugin.defaultPermissions] } });
    for (const api of ids) expect(fitbitPlugin.parseSettings({ api, scope: [...fitbitPlugin.defaultPermissions] }).ok).toBe(true);
  });
});
