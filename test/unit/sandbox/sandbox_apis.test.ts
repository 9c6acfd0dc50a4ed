import { describe, expect, it } from '@jest/globals';
import { buildSandbox } from '../../../src/sandbox/sandbox.js';

/** The sandbox stands in for the Fitbit plugin's two APIs, and answers nothing for any other. */
describe('the upstream APIs the sandbox plays', () => {
  const sandbox = buildSandbox(() => 'http://127.0.0.1:1/_sandbox');
  const callbackUrl = 'https://acme.fitgate.example/login/callback';

  it('gives an app, with the callback registered, for each Fitbit API', () => {
    expect(sandbox.credentialsFor('google-health', callbackUrl)?.clientID).toBe('fitgate-sandbox.apps.googleusercontent.com');
    expect(sandbox.credentialsFor('fitbit-legacy', callbackUrl)?.clientID).toBe('23SBOX');
    expect(Object.keys(sandbox.credentials()).sort()).toEqual(['fitbit-legacy', 'google-health']);
  });

  it('has none for an API it does not play', () => {
    for (const api of ['acme-v2', 'constructor', '']) expect(sandbox.credentialsFor(api, callbackUrl)).toBeUndefined();
  });
});
