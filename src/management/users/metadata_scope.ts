import { ForbiddenError } from '../../errors/index.js';

/** What update:users_app_metadata may change, as at Auth0: the two metadata objects, nothing else. */
const METADATA_FIELDS: ReadonlySet<string> = new Set(['app_metadata', 'user_metadata']);

/**
 * PATCH /users/{id} takes update:users, or Auth0's narrower update:users_app_metadata when the body
 * holds only app_metadata and user_metadata. The route lets either scope in; this refuses what the
 * narrower one does not cover before the body is read, in the words of every other scope refusal, so
 * a script holding it learns which scope it lacks rather than which field is wrong.
 */
export function assertUpdateScope(scopes: ReadonlySet<string>, body: unknown): void {
  if (scopes.has('update:users')) return;
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  if (fields.every((field) => METADATA_FIELDS.has(field))) return;
  throw new ForbiddenError('Insufficient scope, expected any of: update:users', 'insufficient_scope');
}
