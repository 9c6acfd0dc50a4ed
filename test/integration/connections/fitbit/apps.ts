import { randomBytes } from 'node:crypto';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import type { EmulatorControl } from '../../../../src/emulator/index.js';

export interface TestApp {
  clientID: string;
  clientSecret?: string;
}

/**
 * Registers an upstream app for a test's Passport app, with the Passport app's callback URL. Server
 * apps get a secret (Fitbit Server, Google web client); client apps are public.
 */
export function registerUpstreamApp(control: EmulatorControl, api: FitbitApi, type: 'server' | 'client', callbackUrl: string): TestApp {
  const suffix = randomBytes(4).toString('hex');
  const clientID = api === 'google-health' ? `${suffix}-test.apps.googleusercontent.com` : `T${suffix.toUpperCase()}`;
  const clientSecret = type === 'server' ? `secret-${randomBytes(12).toString('hex')}` : undefined;
  control.registerApp({ clientId: clientID, type, api, redirectUris: [callbackUrl], ...(clientSecret && { clientSecret }) });
  return { clientID, ...(clientSecret && { clientSecret }) };
}
