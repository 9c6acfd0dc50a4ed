import { describeCharacter } from './credential_characters.js';

/**
 * A character that does not show: a control character (NUL, tab, line break), a line or paragraph
 * separator, a format character (zero-width space, soft hyphen, byte order mark, a bidirectional
 * override or isolate) or half of a surrogate pair. Escaping leaves them as they are, so two names
 * that differ only by one look the same in a list, and an override shows a name reversed
 * ("App<U+202E>live" reads "Appevil") wherever it appears. The zero-width joiner and non-joiner are
 * format characters that writing needs (emoji sequences, Persian and Indic words): kept, though
 * invisible on their own.
 */
const INVISIBLE = /^(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;

/**
 * The first character of a name (its code points, as `[...name]` gives them) that does not show, as
 * a phrase after "The name ...": "must not contain character 4, a zero-width space (U+200B), an
 * invisible character copied with it"; undefined when each one shows. Named as a connection's
 * credentials name them (credential_characters.ts).
 */
export function invisibleCharacterProblem(characters: readonly string[]): string | undefined {
  const position = characters.findIndex((character) => INVISIBLE.test(character));
  return position < 0 ? undefined : `must not contain character ${position + 1}, ${describeCharacter(characters[position]!)}`;
}
