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

  it('names the field and the unknown scope', () => {
    const result = fitbitPlugin.parseSettings({ scope: ['activity', 'steps'] });
    expect(result).toMatchObject({ ok: false, field: 'scope.1' });
    expect(!result.ok && result.message).toMatch(/unknown Fitbit scope "steps"/);
  });

  it('rejects an unknown api', () => {
    expect(fitbitPlugin.parseSettings({ api: 'fitbit' })).toMatchObject({ ok: false, field: 'api' });
  });

  it('rejects an empty scope list', () => {
    expect(fitbitPlugin.parseSettings({ scope: [] })).toMatchObject({ ok: false, field: 'scope' });
  });

  it('rejects google-health scopes that cannot read the Health user id', () => {
    const result = fitbitPlugin.parseSettings({ api: 'google-health', scope: ['nutrition'] });
    expect(result).toMatchObject({ ok: false, field: 'scope' });
    expect(!result.ok && result.message).toMatch(/activity/);
    expect(fitbitPlugin.parseSettings({ api: 'fitbit-legacy', scope: ['nutrition'] }).ok).toBe(true);
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
