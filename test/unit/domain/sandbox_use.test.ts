import { describe, expect, it } from '@jest/globals';
import { usesSandbox } from '../../../src/domain/sandbox_use.js';

/** A sandbox that plays the Fitbit plugin's Google Health API only. */
const sandbox = { plays: (strategy: string, api: string) => strategy === 'fitbit' && api === 'google-health' };
const fitbit = (options: { clientId?: string } = {}) => ({ strategy: 'fitbit', options: { api: 'google-health', ...options } });

describe('usesSandbox', () => {
  it('is true only with a sandbox and no upstream client of the connection’s own', () => {
    expect(usesSandbox(sandbox, fitbit())).toBe(true);
    expect(usesSandbox(sandbox, fitbit({ clientId: '' }))).toBe(true);
    expect(usesSandbox(sandbox, fitbit({ clientId: 'upstream-client' }))).toBe(false);
    // FITGATE_SANDBOX off: the entry point built no sandbox.
    expect(usesSandbox(undefined, fitbit())).toBe(false);
    // No connection yet: nothing logs in through it, in the sandbox or anywhere.
    expect(usesSandbox(sandbox, undefined)).toBe(false);
  });

  it('is false for an upstream the sandbox does not play: another plugin’s, even with an API id of the same name', () => {
    expect(usesSandbox(sandbox, { strategy: 'acme', options: { api: 'acme-v2' } })).toBe(false);
    expect(usesSandbox(sandbox, { strategy: 'acme', options: { api: 'google-health' } })).toBe(false);
    expect(usesSandbox(sandbox, { strategy: 'fitbit', options: { api: 'fitbit-legacy' } })).toBe(false);
  });
});
