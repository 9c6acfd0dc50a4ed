import { describe, expect, it } from '@jest/globals';
import { renderConsentPage } from '../../../src/emulator/views/consent_page.js';
import type { RegisteredApp } from '../../../src/emulator/types.js';

/** The emulator's consent page names permissions in words, as Google's and Fitbit's do, never as scope strings. */
describe('the emulator consent page wording', () => {
  const app: RegisteredApp = { clientId: 'words', clientSecret: 's', type: 'server', api: 'google-health', redirectUris: [], name: 'Step Counter' };
  const page = (api: 'google-health' | 'fitbit-legacy', scopes: string[]) =>
    renderConsentPage({ api, app: { ...app, api }, users: [], scopes, transactionId: 't', action: '/authorize' });

  it('labels each Google Health area in words and keeps the scope only as the checkbox value', () => {
    const html = page('google-health', ['openid', 'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly']);
    expect(html).toContain(
      'value="https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly" checked> See your health metrics: heart rate, weight and body fat, blood oxygen, breathing rate and temperature</label>',
    );
    expect(html).toContain('<li>Associate you with your personal info on Google</li>');
    expect(html).not.toContain('<code>');
  });

  it('labels legacy Fitbit scopes in words', () => {
    const html = page('fitbit-legacy', ['heartrate', 'oxygen_saturation']);
    expect(html).toContain('value="heartrate" checked> Heart rate</label>');
    expect(html).toContain('value="oxygen_saturation" checked> Blood oxygen (SpO2)</label>');
  });
});
