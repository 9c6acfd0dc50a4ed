import { describe, expect, it } from '@jest/globals';
import { isRecord } from '../../../src/util/is_record.js';

describe('isRecord', () => {
  it('takes an object, however it was made', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ id: '1' })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it('refuses null, arrays and every primitive', () => {
    for (const value of [null, undefined, [], [1], 'text', 0, true, 1n, Symbol('s')]) expect([value, isRecord(value)]).toEqual([value, false]);
  });
});
