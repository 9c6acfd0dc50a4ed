import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

describe('fitbitPlugin.parseSettings', () => {
  it('defaults to google-health and a starter scope list', () => {
    expect(fitbitPlugin.parseSettings({})).toEqual({
      ok: true,
      value: { api: 'google-health', scope: ['activity', 'heartrate', 'profile', 'sleep'] },
    });
  });

  it('accepts a legacy Client app without a secret and drops repeated scopes', () => {
    const result = fitbitPlugin.parseSettings({ api: 'fitbit-legacy', clientId: '23PUBL', scope: ['nutrition', 'nutrition'] });
    expect(result).toEqual({ ok: true, value: { api: 'fitbit-legacy', clientId: '23PUBL', scope: ['nutrition'] } });
  });

  it('names the field and the unknown permission', () => {
    const result = fitbitPlugin.parseSettings({ scope: ['activity', 'steps'] });
    expect(result).toEqual({ ok: false, issues: [{ field: 'scope.1', message: expect.stringMatching(/^unknown permission "steps"; known: activity, /) }] });
  });

  it('rejects an unknown api', () => {
    expect(fitbitPlugin.parseSettings({ api: 'fitbit' })).toEqual({ ok: false, issues: [{ field: 'api', message: 'must be "google-health" or "fitbit-legacy"' }] });
  });

  it('rejects an empty permission list, in every mode', () => {
    for (const api of ['google-health', 'fitbit-legacy']) {
      expect(fitbitPlugin.parseSettings({ api, scope: [] })).toEqual({ ok: false, issues: [{ field: 'scope', message: 'must list at least one permission' }] });
    }
  });

  it('rejects google-health permissions that cannot read the Health user id, naming the API as the page does', () => {
    const result = fitbitPlugin.parseSettings({ api: 'google-health', scope: ['nutrition'] });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'scope',
          message:
            'must include at least one of activity, cardio_fitness, heartrate, oxygen_saturation, profile, respiratory_rate, settings, sleep, temperature, weight: the Google Health API identifies the user only through one of these',
        },
      ],
    });
    expect(fitbitPlugin.parseSettings({ api: 'fitbit-legacy', scope: ['nutrition'] }).ok).toBe(true);
  });

  it('reports every problem at once: a missing secret and an empty permission list together', () => {
    expect(fitbitPlugin.parseSettings({ api: 'google-health', clientId: 'abc.apps.googleusercontent.com', scope: [] })).toEqual({
      ok: false,
      issues: [
        { field: 'clientSecret', message: 'is required with a Client ID for the Google Health API, which authenticates each token request with it' },
        { field: 'scope', message: 'must list at least one permission' },
      ],
    });
  });

  it('runs the rules across settings beside a setting refused on its own: a client ID too long and an orphan secret are both wrong', () => {
    const result = fitbitPlugin.parseSettings({ api: 'google-health', clientId: 'x'.repeat(256), scope: ['activity', 'steps'] });
    expect(!result.ok && result.issues.map((issue) => issue.field)).toEqual(['clientId', 'scope.1', 'clientSecret']);
    const orphan = fitbitPlugin.parseSettings({ api: 'fitbit', clientSecret: 'secret', scope: ['nutrition'] });
    expect(!orphan.ok && orphan.issues.map((issue) => issue.field)).toEqual(['api', 'clientId']);
  });

  it('words its messages with the names the settings page shows, not internal ids', () => {
    const result = fitbitPlugin.parseSettings({ api: 'google-health', clientId: 'abc.apps.googleusercontent.com', scope: ['nutrition'] });
    for (const issue of result.ok ? [] : result.issues) {
      expect(issue.message).not.toMatch(/google-health|fitbit-legacy|\bscopes?\b|\bmode\b/);
    }
  });
});

describe('fitbitPlugin.permissions', () => {
  it('lists every Fitbit scope with its description and its upstream scopes per mode', () => {
    const google = fitbitPlugin.permissions('google-health');
    expect(google).toHaveLength(15);
    expect(google.find((p) => p.name === 'heartrate')).toEqual({
      name: 'heartrate',
      description: expect.stringMatching(/heart rate/i),
      upstreamScopes: ['https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly'],
    });
    expect(google.find((p) => p.name === 'social')?.upstreamScopes).toEqual([]);
    expect(fitbitPlugin.permissions('fitbit-legacy').find((p) => p.name === 'social')?.upstreamScopes).toEqual(['social']);
  });
});

describe('fitbitPlugin.setupSteps', () => {
  it('numbers the steps and names the exact callback URL in both modes', () => {
    for (const api of ['google-health', 'fitbit-legacy']) {
      const steps = fitbitPlugin.setupSteps(api, 'https://acme.example.com/login/callback');
      steps.forEach((step, index) => expect(step.startsWith(`${index + 1}. `)).toBe(true));
      expect(steps.some((step) => step.includes('https://acme.example.com/login/callback'))).toBe(true);
    }
  });

  it('asks google-health admins for the scopes of the areas they tick, not for every Google Health scope', () => {
    const steps = fitbitPlugin.setupSteps('google-health', 'x').join(' ');
    expect(steps).toMatch(/for each area whose permissions you tick/);
    expect(steps).not.toContain('googlehealth.ecg.readonly');
  });

  it('points google-health admins at a Google Cloud web client and legacy admins at dev.fitbit.com', () => {
    expect(fitbitPlugin.setupSteps('google-health', 'x').join(' ')).toMatch(/Web application/);
    expect(fitbitPlugin.setupSteps('fitbit-legacy', 'x').join(' ')).toMatch(/dev\.fitbit\.com/);
  });
});
