import { describe, expect, it } from '@jest/globals';
import { firstUnstorableText, unstorableCharacterProblem } from '../../../src/domain/storable_text.js';

const NUL = 'a NUL (U+0000), an invisible character copied with it';
const unpaired = (code: string) => `an unpaired surrogate (U+${code}), half of a UTF-16 pair whose other half is missing`;

describe('text that can be stored: no NUL, no unpaired surrogate', () => {
  it('takes any other text, a pair of surrogates (an emoji) and every other control character included', () => {
    for (const text of ['', 'Pat Doe', 'Run 🏃 Club', '𝒳', 'tab\tline\nbreak\r', '\u0001\u001f\u007f\u0085', 'zero\u200bwidth\u202e', '\uffff']) {
      expect(unstorableCharacterProblem(text)).toBeUndefined();
    }
  });

  it.each([
    ['a NUL', 'ab\0c', `must not contain character 3, ${NUL}`],
    ['a high surrogate alone', 'ab\ud83cc', `must not contain character 3, ${unpaired('D83C')}`],
    ['a low surrogate alone', 'ab\udfc3', `must not contain character 3, ${unpaired('DFC3')}`],
    ['two surrogates in the wrong order', '\udfc3\ud83c', `must not contain character 1, ${unpaired('DFC3')}`],
  ])('refuses %s, naming it and where', (_case, text, problem) => {
    expect(unstorableCharacterProblem(text)).toBe(problem);
  });

  it('counts characters as a person does: an emoji before it is one', () => {
    expect(unstorableCharacterProblem('🏃🏃\0')).toBe(`must not contain character 3, ${NUL}`);
  });
});

describe('the first string of a JSON value that cannot be stored', () => {
  it('finds none in a value without one, and none in numbers, booleans or null', () => {
    expect(firstUnstorableText({ name: 'Pat', tags: ['a', 1, true, null], nested: { deep: [{ ok: '🏃' }] } })).toBeUndefined();
    expect(firstUnstorableText(null)).toBeUndefined();
    expect(firstUnstorableText(42)).toBeUndefined();
  });

  it('names the path to a value, through objects and arrays', () => {
    expect(firstUnstorableText({ a: 'fine', b: { c: ['x', 'y\0'] } })).toEqual({ path: ['b', 'c', 1], inKey: false, problem: `must not contain character 2, ${NUL}` });
    expect(firstUnstorableText('\ud800')).toEqual({ path: [], inKey: false, problem: `must not contain character 1, ${unpaired('D800')}` });
  });

  it('names the object holding a key that cannot be stored', () => {
    expect(firstUnstorableText({ meta: { ok: 1, ['k\ud800']: 'v' } })).toEqual({ path: ['meta'], inKey: true, problem: `must not contain character 2, ${unpaired('D800')}` });
    expect(firstUnstorableText({ ['\0']: 1 })).toEqual({ path: [], inKey: true, problem: `must not contain character 1, ${NUL}` });
  });

  it('reports the first in document order: each key, then its value, before the next key', () => {
    expect(firstUnstorableText({ first: { inner: 'x\0' }, ['sec\0ond']: 'y' })?.path).toEqual(['first', 'inner']);
    expect(firstUnstorableText({ ['fir\0st']: 'x\0', second: 'y\0' })).toMatchObject({ path: [], inKey: true });
    expect(firstUnstorableText([['a', 'b\0'], 'c\0'])?.path).toEqual([0, 1]);
  });

  it('walks a value nested far deeper than any call stack, and finds what is at the bottom', () => {
    let deep: unknown = 'bottom\0';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const found = firstUnstorableText(deep);
    expect(found?.path).toHaveLength(100_000);
    expect(found?.problem).toBe(`must not contain character 7, ${NUL}`);
  });
});
