/**
 * The one rule for an application's name, used by the Management API (POST and PATCH /clients) and
 * the dashboard (create and settings), so a name saved one way can always be saved the other way.
 *
 * Auth0 documents it as "must contain at least one character, does not allow '<' or '>'". The name
 * is shown on consent and error pages and in the dashboard; escaping protects those, and refusing
 * the brackets keeps a name from reading as markup wherever a relying party shows it unescaped.
 * Spaces around it are never meant, so it is stored trimmed.
 */

/** The Management API's limit since its first version, so no stored name is longer. */
export const MAX_APPLICATION_NAME_LENGTH = 128;

export type ApplicationNameResult = { ok: true; name: string } | { ok: false; problem: string };

/** The name as stored (trimmed), or why it cannot be one: a phrase that follows "The name ...". */
export function parseApplicationName(value: string): ApplicationNameResult {
  const name = value.trim();
  if (name === '') return { ok: false, problem: 'must not be empty' };
  if (name.length > MAX_APPLICATION_NAME_LENGTH) return { ok: false, problem: `must be at most ${MAX_APPLICATION_NAME_LENGTH} characters` };
  if (/[<>]/.test(name)) return { ok: false, problem: 'must not contain < or >' };
  return { ok: true, name };
}
