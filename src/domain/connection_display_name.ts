import { invisibleCharacterProblem } from './invisible_characters.js';
import type { Connection } from './types.js';

/**
 * The one rule for a connection's display_name (Auth0's label of a connection where a list shows
 * it), used by the Management API (POST and PATCH /connections) and wherever the dashboard names a
 * connection (connectionLabel). Spaces around it are never meant, so it is stored trimmed, and a name
 * of spaces only (or none at all: "") means no display name: the field is removed, and the
 * connection is labelled by its name. At most 128 characters once trimmed, counted as a person
 * counts them (an emoji is one); no character that does not show (invisible_characters.ts), which
 * would make two labels look alike or one read reversed.
 */
export const MAX_CONNECTION_DISPLAY_NAME_LENGTH = 128;

/** The display name as stored (trimmed; undefined: none), or why it cannot be one, a phrase after "The display name ...". */
export type ConnectionDisplayNameResult = { ok: true; displayName: string | undefined } | { ok: false; problem: string };

export function parseConnectionDisplayName(value: string): ConnectionDisplayNameResult {
  const displayName = value.trim();
  if (displayName === '') return { ok: true, displayName: undefined };
  const characters = [...displayName];
  if (characters.length > MAX_CONNECTION_DISPLAY_NAME_LENGTH) return { ok: false, problem: `must be at most ${MAX_CONNECTION_DISPLAY_NAME_LENGTH} characters` };
  const invisible = invisibleCharacterProblem(characters);
  if (invisible) return { ok: false, problem: invisible };
  return { ok: true, displayName };
}

/** The connection with this display name (parseConnectionDisplayName's), or without one for undefined. */
export function withConnectionDisplayName(connection: Connection, displayName: string | undefined): Connection {
  const { displayName: _replaced, ...rest } = connection;
  return displayName === undefined ? rest : { ...rest, displayName };
}

/**
 * How the dashboard names a connection: its display name when it has one, else its name. A display
 * name stored before the rule, of spaces only, is none, so a connection never shows as a blank.
 */
export function connectionLabel(connection: Pick<Connection, 'name' | 'displayName'>): string {
  return connection.displayName?.trim() || connection.name;
}
