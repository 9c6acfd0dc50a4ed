import { describeCharacter } from './credential_characters.js';

/**
 * The one rule every string fitgate stores from a request keeps, whatever field holds it: a name, a
 * description, a URL, a metadata value or key at any depth. Two things a JSON string can carry are
 * no text that every reader gets back as written: NUL (U+0000), which ends a string in C and which
 * PostgreSQL's text and jsonb refuse, and an unpaired surrogate ("\ud800"), half of a UTF-16 pair,
 * which UTF-8 cannot encode, so Redis, SQLite and every other program holding text as UTF-8 get
 * U+FFFD instead, and strict JSON parsers (Rust's serde_json) refuse the whole record. Fields with a
 * stricter rule of their own (an application's name, URLs, credentials) refuse them with it; this
 * one keeps the free-form rest (a user's names, metadata) readable by every consumer.
 */

// Tested first, so that a string without either costs one scan.
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * Why `text` cannot be stored, a phrase after "The value ..." ("must not contain character 2, a NUL
 * (U+0000), ..."), counting characters from 1 as a person does (an emoji is one); undefined when it
 * can be.
 */
export function unstorableCharacterProblem(text: string): string | undefined {
  if (!UNSTORABLE.test(text)) return undefined;
  let position = 0;
  for (const character of text) {
    position += 1;
    if (UNSTORABLE.test(character)) return `must not contain character ${position}, ${describeCharacter(character)}`;
  }
  return undefined;
}

/** Where a JSON value holds a string that cannot be stored, and why. */
export interface UnstorableText {
  /** The keys and indexes leading to the string, or to the object whose key it is. */
  readonly path: readonly (string | number)[];
  /** The string is a key of the object at `path`, not a value. */
  readonly inKey: boolean;
  readonly problem: string;
}

/** A value met on the walk, with the way back to the top (a path is built only for a finding). */
interface Visit {
  readonly value: unknown;
  /** Its key or index in the object or array holding it; none at the top. */
  readonly key?: string | number;
  readonly parent?: Visit;
}

/**
 * The first string in `value` (a JSON value as parsed, in document order: each key, then its value,
 * nested objects and arrays included) that cannot be stored; undefined when there is none. Walked
 * with a stack of its own, not by recursion: a body of 100 kB can nest tens of thousands deep before
 * any depth rule of a field has looked at it.
 */
export function firstUnstorableText(value: unknown): UnstorableText | undefined {
  const pending: Visit[] = [{ value }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (typeof visit.key === 'string') {
      const problem = unstorableCharacterProblem(visit.key);
      if (problem) return { path: pathOf(visit.parent), inKey: true, problem };
    }
    const current = visit.value;
    if (typeof current === 'string') {
      const problem = unstorableCharacterProblem(current);
      if (problem) return { path: pathOf(visit), inKey: false, problem };
    } else if (typeof current === 'object' && current !== null) {
      const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item: unknown, index) => [index, item]) : Object.entries(current);
      // Pushed last first, so they are taken in the order they were written.
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index]!;
        pending.push({ value: child, key, parent: visit });
      }
    }
  }
  return undefined;
}

function pathOf(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}
