import { describe, expect, it } from '@jest/globals';
import { EMULATED_UPSTREAMS, emulatorPlays, SANDBOX_CLIENT_IDS } from '../../../src/emulator/sandbox_apps.js';

describe('the upstreams the emulator plays', () => {
  it('are both of Fitbit’s APIs, and the sandbox has an app for each', () => {
    expect([...EMULATED_UPSTREAMS].sort((a, b) => a.api.localeCompare(b.api))).toEqual([
      { strategy: 'fitbit', api: 'fitbit-legacy' },
      { strategy: 'fitbit', api: 'google-health' },
    ]);
    for (const { strategy, api } of EMULATED_UPSTREAMS) expect(SANDBOX_CLIENT_IDS[strategy]?.[api]).toEqual(expect.any(String));
  });

  it('are asked about by strategy and API together, and no inherited key is one', () => {
    expect(emulatorPlays('fitbit', 'google-health')).toBe(true);
    expect(emulatorPlays('fitbit', 'fitbit-legacy')).toBe(true);
    expect(emulatorPlays('acme', 'acme-v2')).toBe(false);
    // API ids are a plugin's own: another plugin's "google-health" is not Google's.
    expect(emulatorPlays('acme', 'google-health')).toBe(false);
    expect(emulatorPlays('fitbit', 'constructor')).toBe(false);
    expect(emulatorPlays('__proto__', 'google-health')).toBe(false);
  });
});
