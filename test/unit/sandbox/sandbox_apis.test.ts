import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { EmulatorControl } from '../../../src/emulator/index.js';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';
import { fakePlugin } from '../../support/fake_plugin.js';

/** The sandbox stands in for the Fitbit plugin's two APIs, and answers nothing for any other plugin's. */
describe('the upstreams the sandbox plays', () => {
  const sandbox = buildSandbox(() => 'http://127.0.0.1:1/_sandbox', connectionPlugins());
  const callbackUrl = 'https://acme.fitgate.example/login/callback';

  it('plays each Fitbit API, with an app whose redirect URIs take the callback', () => {
    expect(sandbox.plays('fitbit', 'google-health')).toBe(true);
    expect(sandbox.plays('fitbit', 'fitbit-legacy')).toBe(true);
    expect(sandbox.credentialsFor('fitbit', 'google-health', callbackUrl)?.clientID).toBe('fitgate-sandbox.apps.googleusercontent.com');
    expect(sandbox.credentialsFor('fitbit', 'fitbit-legacy', callbackUrl)?.clientID).toBe('23SBOX');
    const control = sandbox.emulatorControl('fitbit') as EmulatorControl;
    const google = control.apps().find((app) => app.clientId === 'fitgate-sandbox.apps.googleusercontent.com');
    expect(google?.redirectUris).toContain(callbackUrl);
  });

  it('hands other processes every app with the upstream it plays', () => {
    const apps = sandbox.credentials().map(({ strategy, api, clientID }) => ({ strategy, api, clientID }));
    expect(apps).toEqual([
      { strategy: 'fitbit', api: 'google-health', clientID: 'fitgate-sandbox.apps.googleusercontent.com' },
      { strategy: 'fitbit', api: 'fitbit-legacy', clientID: '23SBOX' },
    ]);
    expect(sandbox.credentials().every((app) => app.clientSecret.length > 0)).toBe(true);
  });

  it('plays nothing of another plugin, even an API id the Fitbit plugin also has', () => {
    for (const [strategy, api] of [['acme', 'acme-v2'], ['acme', 'google-health'], ['fitbit', 'acme-v2'], ['fitbit', 'constructor'], ['constructor', 'google-health'], ['fitbit', '']]) {
      expect(sandbox.plays(strategy!, api!)).toBe(false);
      expect(sandbox.credentialsFor(strategy!, api!, callbackUrl)).toBeUndefined();
    }
  });
});

/** The emulator's own pages carry the banner, naming the plugin whose upstream it plays as that plugin names itself. */
describe('the notice on the emulator’s pages', () => {
  const consentPage = (plugins: Parameters<typeof buildSandbox>[1]) => {
    const sandbox = buildSandbox(() => 'http://127.0.0.1:1/_sandbox', plugins);
    const redirectUri = 'https://acme.fitgate.example/login/callback';
    const { clientID } = sandbox.credentialsFor('fitbit', 'google-health', redirectUri)!;
    const query = new URLSearchParams({ client_id: clientID, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 's' });
    return request(sandboxHostApp(sandbox)).get(`/_sandbox/accounts.google.com/o/oauth2/v2/auth?${query}`);
  };

  it('says no real Fitbit account is used, in the Fitbit plugin’s words', async () => {
    const page = await consentPage(connectionPlugins());
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p class="banner banner-sandbox" role="status">Sandbox: no real Fitbit account is used.</p>');
  });

  it('takes the name from the plugin and never from another plugin fitgate has', async () => {
    const renamed = new Map([['fitbit', { ...fitbitPlugin, displayName: 'Fitbit <Charge>' }], ['acme', fakePlugin()]]);
    const page = await consentPage(renamed);
    expect(page.text).toContain('Sandbox: no real Fitbit &#60;Charge&#62; account is used.');
    expect(page.text).not.toContain('Acme');
  });
});
