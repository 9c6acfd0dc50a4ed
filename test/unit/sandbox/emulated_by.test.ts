import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { emulatedBy } from '../../../src/sandbox/sandbox.js';
import { fakePlugin } from '../../support/fake_plugin.js';

// Acme's sandbox declares one of its two APIs; it is never started here.
const acme: ConnectionPlugin = {
  ...fakePlugin(),
  sandbox: { apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }], hosts: ['auth.acme.example'], start: () => { throw new Error('not started'); } },
};

/**
 * What FITGATE_UPSTREAM_BASE_URL reaches (server.ts hands it to the resolver): the upstreams the
 * registered plugins' sandboxes declare, asked about by strategy and API together.
 */
describe('the upstreams the plugins’ sandboxes play', () => {
  it('are the Fitbit plugin’s two APIs, among the registered plugins', () => {
    const emulated = emulatedBy(connectionPlugins());
    expect(emulated.plays('fitbit', 'google-health')).toBe(true);
    expect(emulated.plays('fitbit', 'fitbit-legacy')).toBe(true);
  });

  it('are only the APIs a sandbox declares apps for', () => {
    const emulated = emulatedBy(new Map([['acme', acme]]));
    expect(emulated.plays('acme', 'acme-v2')).toBe(true);
    expect(emulated.plays('acme', 'acme-v1')).toBe(false);
  });

  it('are asked about by strategy and API together, and no inherited key is one', () => {
    const emulated = emulatedBy(new Map([...connectionPlugins(), ['acme', acme]]));
    // API ids are a plugin's own: another plugin's "google-health" is not Google's.
    expect(emulated.plays('acme', 'google-health')).toBe(false);
    expect(emulated.plays('fitbit', 'acme-v2')).toBe(false);
    expect(emulated.plays('fitbit', 'constructor')).toBe(false);
    expect(emulated.plays('__proto__', 'google-health')).toBe(false);
  });
});
