import { describe, expect, it } from '@jest/globals';
import { canReadGoogleIdentity, grantedFitbitScopes, upstreamScopes } from '../../../../src/connections/fitbit/scopes.js';

const P = 'https://www.googleapis.com/auth/googlehealth.';

describe('upstreamScopes', () => {
  it('sends Fitbit scope names unchanged in legacy mode, once each', () => {
    expect(upstreamScopes('fitbit-legacy', ['activity', 'profile', 'activity'])).toEqual(['activity', 'profile']);
  });

  it('asks Google for openid email profile plus the mapped Health scopes, each once', () => {
    expect(upstreamScopes('google-health', ['activity', 'cardio_fitness', 'heartrate', 'weight', 'sleep'])).toEqual([
      'openid',
      'email',
      'profile',
      `${P}activity_and_fitness.readonly`,
      `${P}health_metrics_and_measurements.readonly`,
      `${P}sleep.readonly`,
    ]);
  });

  it('maps every row of Google’s scope mappings table (developers.google.com/health/migration/api-specifications)', () => {
    const mapped = (scope: Parameters<typeof upstreamScopes>[1][number]) => upstreamScopes('google-health', [scope]).slice(3);
    expect(mapped('electrocardiogram')).toEqual([`${P}ecg.readonly`]);
    expect(mapped('irregular_rhythm_notifications')).toEqual([`${P}irn.readonly`]);
    for (const scope of ['oxygen_saturation', 'respiratory_rate', 'temperature'] as const) {
      expect(mapped(scope)).toEqual([`${P}health_metrics_and_measurements.readonly`]);
    }
    for (const area of ['location', 'nutrition', 'profile', 'settings'] as const) expect(mapped(area)).toEqual([`${P}${area}.readonly`]);
  });

  it('requests nothing from Google for social, which has no Health counterpart', () => {
    expect(upstreamScopes('google-health', ['social'])).toEqual(['openid', 'email', 'profile']);
  });
});

describe('grantedFitbitScopes', () => {
  it('reads legacy granted scopes and ignores names it does not know', () => {
    expect(grantedFitbitScopes('fitbit-legacy', 'sleep activity mystery')).toEqual(['activity', 'sleep']);
  });

  it('turns a granted Google area back into every Fitbit scope that maps to it', () => {
    expect(grantedFitbitScopes('google-health', `openid ${P}health_metrics_and_measurements.readonly`)).toEqual([
      'heartrate',
      'oxygen_saturation',
      'respiratory_rate',
      'temperature',
      'weight',
    ]);
  });

  it('accepts the un-suffixed spelling of a Google Health scope', () => {
    expect(grantedFitbitScopes('google-health', `${P}profile ${P}sleep.readonly`)).toEqual(['profile', 'sleep']);
  });

  it("reads Google's real answer, where the sign-in scopes come back as the userinfo URLs", () => {
    // Asked for `openid email profile <activity> <sleep>`, Google's token endpoint spells the sign-in scopes its own way.
    const answered = `https://www.googleapis.com/auth/userinfo.email openid ${P}activity_and_fitness.readonly https://www.googleapis.com/auth/userinfo.profile ${P}sleep.readonly`;
    expect(grantedFitbitScopes('google-health', answered)).toEqual(['activity', 'cardio_fitness', 'sleep']);
  });

  it('does not mistake the OpenID profile scope for Fitbit profile', () => {
    expect(grantedFitbitScopes('google-health', 'openid email profile https://www.googleapis.com/auth/userinfo.profile')).toEqual([]);
  });
});

describe('canReadGoogleIdentity', () => {
  it('is true for any scope of activity, health metrics, profile, settings or sleep', () => {
    for (const scope of ['activity', 'weight', 'profile', 'settings', 'sleep'] as const) expect(canReadGoogleIdentity([scope])).toBe(true);
  });

  it('is false when only nutrition, location, ECG, IRN or social are asked', () => {
    expect(canReadGoogleIdentity(['nutrition', 'location', 'electrocardiogram', 'irregular_rhythm_notifications', 'social'])).toBe(false);
  });
});
