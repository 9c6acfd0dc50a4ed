import { describe, expect, it } from '@jest/globals';
import { waitInWords } from '../../../../src/dashboard/account/wait_in_words.js';

describe('the wait told to a blocked admin', () => {
  it('rounds up to whole minutes from a minute on', () => {
    expect(waitInWords(14 * 60_000 - 1)).toBe('14 minutes');
    expect(waitInWords(13 * 60_000 + 1)).toBe('14 minutes');
    expect(waitInWords(60_000)).toBe('1 minute');
  });

  it('counts seconds under a minute, never zero', () => {
    expect(waitInWords(40_000)).toBe('40 seconds');
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(0)).toBe('1 second');
  });
});
