import { describe, expect, it } from '@jest/globals';
import { credentialCharactersProblem } from '../../../src/domain/credential_characters.js';

const invisible = ', an invisible character copied with it';

describe('the characters of an upstream client id or secret (RFC 6749 VSCHAR, %x20-7E)', () => {
  it('takes every printable ASCII character, the space included', () => {
    const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join('');
    expect(credentialCharactersProblem(printable)).toBeUndefined();
    expect(credentialCharactersProblem('123456789012-abc.apps.googleusercontent.com')).toBeUndefined();
    expect(credentialCharactersProblem('GOCSPX-aBcD_eF')).toBeUndefined();
  });

  it.each([
    ['\u0000', `a NUL (U+0000)${invisible}`],
    ['\t', `a tab (U+0009)${invisible}`],
    ['\n', `a line break (U+000A)${invisible}`],
    ['\r', `a line break (U+000D)${invisible}`],
    ['\u001b', `a control character (U+001B)${invisible}`],
    ['\u007f', `a control character (U+007F)${invisible}`],
    ['\u0085', `a line break (U+0085)${invisible}`],
    ['\u009b', `a control character (U+009B)${invisible}`],
    ['\u00ad', `a soft hyphen (U+00AD)${invisible}`],
    ['\u200b', `a zero-width space (U+200B)${invisible}`],
    ['\u200d', `a zero-width joiner (U+200D)${invisible}`],
    ['\u200e', `a bidirectional text control (U+200E)${invisible}`],
    ['\u202e', `a bidirectional text control (U+202E)${invisible}`],
    ['\u2067', `a bidirectional text control (U+2067)${invisible}`],
    ['\u2028', `a line break (U+2028)${invisible}`],
    ['\u2029', `a line break (U+2029)${invisible}`],
    ['\u2060', `a word joiner (U+2060)${invisible}`],
    ['\u2063', `an invisible formatting character (U+2063)${invisible}`],
    ['\ufeff', `a byte order mark (U+FEFF)${invisible}`],
    ['\ud800', 'an unpaired surrogate (U+D800), half of a UTF-16 pair whose other half is missing'],
    ['\u00a0', 'a non-ASCII space (U+00A0)'],
    ['\u3000', 'a non-ASCII space (U+3000)'],
    ['é', 'a non-ASCII character (U+00E9)'],
    ['\u201c', 'a non-ASCII character (U+201C)'],
    ['😀', 'a non-ASCII character (U+1F600)'],
  ])('refuses %j, naming it and where it is', (character, named) => {
    expect(credentialCharactersProblem(`abc${character}def`)).toBe(`must hold only printable ASCII characters: character 4 is ${named}`);
  });

  it('names the first such character, counting a character outside the BMP as one', () => {
    expect(credentialCharactersProblem('😀x\u200by\n')).toBe('must hold only printable ASCII characters: character 1 is a non-ASCII character (U+1F600)');
    expect(credentialCharactersProblem('a😀b\u200b')).toBe(`must hold only printable ASCII characters: character 2 is a non-ASCII character (U+1F600)`);
    expect(credentialCharactersProblem('ab\u200bc\u202e')).toBe(`must hold only printable ASCII characters: character 3 is a zero-width space (U+200B)${invisible}`);
  });
});
