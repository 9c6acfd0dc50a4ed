import { describe, expect, it } from '@jest/globals';
import { proxiedSandbox } from '../../../src/cluster/sandbox_proxy.js';
import type { SandboxLink } from '../../../src/cluster/messages.js';
import type { TenantRepository } from '../../../src/domain/ports.js';

/** What the primary hands a worker: its emulator's apps, each with the upstream it plays. */
const link: SandboxLink = {
  url: 'http://127.0.0.1:1',
  credentials: [
    { strategy: 'fitbit', api: 'google-health', clientID: 'fitgate-sandbox.apps.googleusercontent.com', clientSecret: 'google-secret' },
    { strategy: 'fitbit', api: 'fitbit-legacy', clientID: '23SBOX', clientSecret: 'legacy-secret' },
  ],
};

/** A worker's sandbox answers for the same upstreams as the primary's emulator: by plugin strategy and API together. */
describe("a worker's sandbox", () => {
  const sandbox = proxiedSandbox({ publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000' }, { tenants: {} as TenantRepository }, {
    sandbox: link,
    allowSandboxCallback: async () => undefined,
  });
  const callbackUrl = 'http://localhost:3000/login/callback';

  it('plays the Fitbit APIs with the primary’s apps', () => {
    expect(sandbox.plays('fitbit', 'google-health')).toBe(true);
    expect(sandbox.credentialsFor('fitbit', 'google-health', callbackUrl)).toEqual({ clientID: 'fitgate-sandbox.apps.googleusercontent.com', clientSecret: 'google-secret' });
    expect(sandbox.credentialsFor('fitbit', 'fitbit-legacy', callbackUrl)).toEqual({ clientID: '23SBOX', clientSecret: 'legacy-secret' });
    expect(sandbox.backChannelUrl()).toBe('http://127.0.0.1:1/_sandbox');
  });

  it('plays nothing of another plugin, even under an API id the Fitbit plugin has', () => {
    for (const [strategy, api] of [['acme', 'acme-v2'], ['acme', 'google-health'], ['fitbit', 'acme-v2']] as const) {
      expect(sandbox.plays(strategy, api)).toBe(false);
      expect(sandbox.credentialsFor(strategy, api, callbackUrl)).toBeUndefined();
    }
  });
});
