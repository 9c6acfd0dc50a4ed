/**
 * The characters an upstream OAuth client id or secret may hold: RFC 6749 Appendix A.1 and A.2
 * define both as *VSCHAR, VSCHAR = %x20-7E, printable ASCII and the space. No upstream issues any
 * other, so one outside it was copied in with the value: a line break, tab or NUL; a Unicode line
 * separator or NEL; an invisible character (zero-width space, byte order mark, a bidirectional
 * override that reverses how the value displays); a non-breaking space or a typographic quote.
 * Stored, it would fail every login at the upstream with invalid_client; refused, the admin learns
 * which character and where. https://www.rfc-editor.org/rfc/rfc6749#appendix-A.1
 */

/** One VSCHAR; for-of hands over whole code points, so a character outside the BMP is one too. */
const VSCHAR = /^[\x20-\x7e]$/;

/** Names of the invisible characters most often pasted along; the others are named by their category. */
const NAMED: Readonly<Record<number, string>> = {
  0x00: 'a NUL',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0b: 'a line break',
  0x0c: 'a line break',
  0x0d: 'a line break',
  0x85: 'a line break',
  0x2028: 'a line break',
  0x2029: 'a line break',
  0xad: 'a soft hyphen',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x2060: 'a word joiner',
  0xfeff: 'a byte order mark',
};

/** Right-to-left and left-to-right marks, embeddings, overrides and isolates. */
const BIDIRECTIONAL = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/u;

/**
 * Why `value` (a client id or secret once trimmed: the white space and line breaks around what was
 * pasted are dropped, not refused) is no valid one, as a phrase after the field's name; undefined
 * when it is one. The position counts characters of the trimmed value from 1, so the dashboard
 * (whose form trims the field) and the Management API name the same one.
 */
export function credentialCharactersProblem(value: string): string | undefined {
  let position = 0;
  for (const character of value) {
    position += 1;
    if (!VSCHAR.test(character)) return `must hold only printable ASCII characters: character ${position} is ${describeCharacter(character)}`;
  }
  return undefined;
}

/** How a character reads in a refusal: "a zero-width space (U+200B), an invisible character copied with it". */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  // Not copied along with a value but made by a broken encoder (JSON "\ud800"): no character at all.
  if (/^\p{Cs}$/u.test(character)) return `an unpaired surrogate (${code}), half of a UTF-16 pair whose other half is missing`;
  const invisible = NAMED[codePoint] ?? invisibleKindOf(character);
  if (invisible) return `${invisible} (${code}), an invisible character copied with it`;
  return /^\p{Zs}$/u.test(character) ? `a non-ASCII space (${code})` : `a non-ASCII character (${code})`;
}

/** The kind of an invisible character, or undefined for one that shows (a space, a letter, a typographic quote). */
function invisibleKindOf(character: string): string | undefined {
  if (BIDIRECTIONAL.test(character)) return 'a bidirectional text control';
  if (/^\p{Cc}$/u.test(character)) return 'a control character';
  if (/^[\p{Zl}\p{Zp}]$/u.test(character)) return 'a line break';
  if (/^\p{Cf}$/u.test(character)) return 'an invisible formatting character';
  return undefined;
}
