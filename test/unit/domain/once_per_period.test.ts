import { describe, expect, it } from '@jest/globals';
import { oncePerPeriod } from '../../../src/domain/once_per_period.js';

const PERIOD = 1000;

/** A clock a test moves by hand. */
function clock() {
  let at = 0;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe('oncePerPeriod', () => {
  it('lets each key through once per period, the next one carrying how many were held back', () => {
    const time = clock();
    const due = oncePerPeriod(PERIOD, time.now);
    expect(due('a')).toEqual({ suppressed: 0 });
    expect(due('a')).toBeUndefined();
    expect(due('a')).toBeUndefined();
    expect(due('b')).toEqual({ suppressed: 0 });
    time.advance(PERIOD);
    expect(due('a')).toEqual({ suppressed: 2 });
  });

  it('keeps a quiet key’s count for the life of the process by default', () => {
    const time = clock();
    const due = oncePerPeriod(PERIOD, time.now);
    due('a');
    due('a');
    time.advance(10 * PERIOD);
    due('b');
    expect(due('a')).toEqual({ suppressed: 1 });
  });
});

/**
 * With forgetQuietKeys, a key is forgotten once quiet for a whole period after its window closed,
 * so keys that come and go (login states) are kept only while they recur; until then its count is
 * carried as without.
 */
describe('oncePerPeriod forgetting quiet keys', () => {
  it('still carries the count to an occurrence within the period after the window closed', () => {
    const time = clock();
    const due = oncePerPeriod(PERIOD, time.now, { forgetQuietKeys: true });
    due('a');
    due('a');
    time.advance(2 * PERIOD - 1);
    due('b');
    expect(due('a')).toEqual({ suppressed: 1 });
  });

  it('forgets a key quiet for a whole period after its window closed, whichever key comes next', () => {
    const time = clock();
    const due = oncePerPeriod(PERIOD, time.now, { forgetQuietKeys: true });
    due('a');
    due('a');
    time.advance(PERIOD / 2);
    due('b');
    due('b');
    time.advance(2 * PERIOD);
    expect(due('c')).toEqual({ suppressed: 0 });
    expect(due('a')).toEqual({ suppressed: 0 });
    expect(due('b')).toEqual({ suppressed: 0 });
  });

  it('keeps holding back a key that recurs, however long it recurs', () => {
    const time = clock();
    const due = oncePerPeriod(PERIOD, time.now, { forgetQuietKeys: true });
    expect(due('a')).toEqual({ suppressed: 0 });
    for (let step = 0; step < 9; step += 1) {
      time.advance(PERIOD / 10);
      expect(due('a')).toBeUndefined();
    }
    time.advance(PERIOD / 10);
    expect(due('a')).toEqual({ suppressed: 9 });
  });
});
