import { describe, expect, it } from '@jest/globals';
import { kindOfCode } from '../../../../../src/connections/fitbit/errors/kind_of_code.js';

// An upstream code is text the upstream chose: one that happens to name a property every object
// inherits must read as an unknown code (the upstream's failure), never as fitgate's own.

describe('the kind of a Fitbit or Google error code', () => {
  it('reads a code of its own table and a standard OAuth code', () => {
    expect(kindOfCode('RESOURCE_EXHAUSTED')).toBe('rate_limited');
    expect(kindOfCode('invalid_grant')).toBe('invalid_grant');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('calls the inherited property name %s upstream_error', (code) => {
    expect(kindOfCode(code)).toBe('upstream_error');
    expect(kindOfCode(code, 'some message', 400)).toBe('upstream_error');
  });
});
