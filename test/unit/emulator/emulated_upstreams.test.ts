import { describe, expect, it } from '@jest/globals';
import { EMULATED_UPSTREAMS, SANDBOX_CLIENT_IDS } from '../../../src/emulator/sandbox_apps.js';

describe('the upstreams the emulator plays', () => {
  it('are both of Fitbit’s APIs, and the sandbox has an app for each', () => {
    expect([...EMULATED_UPSTREAMS].sort((a, b) => a.api.localeCompare(b.api))).toEqual([
      { strategy: 'fitbit', api: 'fitbit-legacy' },
      { strategy: 'fitbit', api: 'google-health' },
    ]);
    for (const { strategy, api } of EMULATED_UPSTREAMS) expect(SANDBOX_CLIENT_IDS[strategy]?.[api]).toEqual(expect.any(String));
  });
});
