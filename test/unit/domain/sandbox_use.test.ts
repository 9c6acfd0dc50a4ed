import { describe, expect, it } from '@jest/globals';
import { usesSandbox } from '../../../src/domain/sandbox_use.js';

describe('usesSandbox', () => {
  it('is true only with the sandbox on and no upstream client of the connection’s own', () => {
    expect(usesSandbox({ sandbox: true }, {})).toBe(true);
    expect(usesSandbox({ sandbox: true }, { clientId: '' })).toBe(true);
    expect(usesSandbox({ sandbox: true }, { clientId: 'upstream-client' })).toBe(false);
    expect(usesSandbox({ sandbox: false }, {})).toBe(false);
    // No connection yet: nothing logs in through it, in the sandbox or anywhere.
    expect(usesSandbox({ sandbox: true }, undefined)).toBe(false);
  });
});
