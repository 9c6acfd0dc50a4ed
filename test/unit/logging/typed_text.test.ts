import { describe, expect, it } from '@jest/globals';
import { typedText } from '../../../src/logging/typed_text.js';

describe('typedText', () => {
  it('trims, and keeps nothing of nothing', () => {
    expect(typedText('  ada@example.com \t', 254)).toBe('ada@example.com');
    expect(typedText('   ', 254)).toBeUndefined();
    expect(typedText(undefined, 254)).toBeUndefined();
  });

  it('replaces control characters, so a forged line break stays in its line', () => {
    expect(typedText('ada\nlevel=50\u2028forged\r\u0000!', 254)).toBe('ada\uFFFDlevel=50\uFFFDforged\uFFFD\uFFFD!');
  });

  it('cuts to the bound by code point, marking the cut', () => {
    expect(typedText('abcdef', 4)).toBe('abc…');
    expect(typedText('abcd', 4)).toBe('abcd');
    expect(typedText('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});
